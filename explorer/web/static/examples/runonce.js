// One node fetches (runOnce elects it); every node gets its answer.
(async () => {
  const text = await Lit.Actions.runOnce({ waitForResponse: true, name: "fetcher" }, async () => {
    return await (await fetch(url)).text();
  });
  console.log("the elected node fetched", text.length, "bytes");
  Lit.Actions.setResponse({ response: text });
})();
