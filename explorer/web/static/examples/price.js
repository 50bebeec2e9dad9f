// Every node fetches a price ({"price": 1234.5}) from url and signs "ETH/USD <price>".
// The nodes must agree on the price for the shares to combine.
(async () => {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error("price server said " + resp.status);
  const { price } = await resp.json();
  const message = "ETH/USD " + price;
  const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message)));
  await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: "price" });
  Lit.Actions.setResponse({ response: message });
})();
