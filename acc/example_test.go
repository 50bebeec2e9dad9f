package acc_test

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/acc"
)

// A node receives conditions in a decryption request, hashes them to find the ciphertext's identity,
// and evaluates them for the authenticated caller before releasing its share.
func Example() {
	body := []byte(`[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"",
		"parameters":[":userAddress"],
		"returnValueTest":{"comparator":"=","value":"0x50e2dac5e78B5905CB09495547452cEE64426db2"}}]`)
	conds, err := acc.Parse(acc.EVMBasic, body)
	if err != nil {
		fmt.Println(acc.CodeOf(err), err)
		return
	}
	fmt.Println(conds.Resource("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))

	for _, caller := range []string{"0x50e2dac5e78b5905cb09495547452cee64426db2", "0x93E47A604BA72899a5f8dF986cF26C97AfdaE2A0"} {
		env := acc.Env{UserAddress: common.HexToAddress(caller)} // Chains: none needed for :userAddress
		res, err := acc.Evaluate(context.Background(), conds, env)
		if err != nil {
			fmt.Println(acc.CodeOf(err), err)
			continue
		}
		if res.OK {
			fmt.Println("met: release the share")
		} else {
			fmt.Println(res.Reason())
		}
	}
	// Output:
	// lit-accesscontrolcondition://c981800fce8d0cdf35decbd294806dfbd0c79fa19093f043cf7f6ec4ebcb43a8/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
	// met: release the share
	// access control conditions not met: condition [0] (:userAddress): caller 0x93E47A604BA72899a5f8dF986cF26C97AfdaE2A0 is not = 0x50e2dac5e78B5905CB09495547452cEE64426db2
}
