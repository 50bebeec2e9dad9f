// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// AttestedKey is an auto generated low-level Go binding around an user-defined struct.
type AttestedKey struct {
	KeyId      [32]byte
	Pubkey     []byte
	Signatures []Signature
}

// Epoch is an auto generated low-level Go binding around an user-defined struct.
type Epoch struct {
	EpochLength *big.Int
	Number      *big.Int
	EndTime     *big.Int
	Retries     *big.Int
	Timeout     *big.Int
}

// PKPHelperAuthMethodData is an auto generated low-level Go binding around an user-defined struct.
type PKPHelperAuthMethodData struct {
	KeyType                            *big.Int
	PermittedIpfsCIDs                  [][]byte
	PermittedIpfsCIDScopes             [][]*big.Int
	PermittedAddresses                 []common.Address
	PermittedAddressScopes             [][]*big.Int
	PermittedAuthMethodTypes           []*big.Int
	PermittedAuthMethodIds             [][]byte
	PermittedAuthMethodPubkeys         [][]byte
	PermittedAuthMethodScopes          [][]*big.Int
	AddPkpEthAddressAsPermittedAddress bool
	SendPkpToItself                    bool
}

// PKPHelperClaimMaterial is an auto generated low-level Go binding around an user-defined struct.
type PKPHelperClaimMaterial struct {
	KeyType      *big.Int
	DerivedKeyId [32]byte
	Pubkey       []byte
	Signatures   []Signature
}

// PKPPermissionsAuthMethod is an auto generated low-level Go binding around an user-defined struct.
type PKPPermissionsAuthMethod struct {
	AuthMethodType *big.Int
	Id             []byte
	UserPubkey     []byte
}

// PubkeyRouterPubkeyRoutingData is an auto generated low-level Go binding around an user-defined struct.
type PubkeyRouterPubkeyRoutingData struct {
	Pubkey       []byte
	KeyType      *big.Int
	DerivedKeyId [32]byte
}

// RootKey is an auto generated low-level Go binding around an user-defined struct.
type RootKey struct {
	Pubkey  []byte
	KeyType *big.Int
}

// Signature is an auto generated low-level Go binding around an user-defined struct.
type Signature struct {
	R [32]byte
	S [32]byte
	V uint8
}

// Validator is an auto generated low-level Go binding around an user-defined struct.
type Validator struct {
	Ip             uint32
	Ipv6           *big.Int
	Port           uint32
	NodeAddress    common.Address
	Reward         *big.Int
	SenderPubKey   *big.Int
	ReceiverPubKey *big.Int
}

// DemoNFTMetaData contains all meta data concerning the DemoNFT contract.
var DemoNFTMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721IncorrectOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721InsufficientApproval\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC721InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721NonexistentToken\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"approved\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"ApprovalForAll\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Minted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getApproved\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isApprovedForAll\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"mint\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ownerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"setApprovalForAll\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"tokenURI\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "67b931954a72f79238ccf79598e2192e1a",
	Bin: "0x608060405234801561000f575f5ffd5b506040518060400160405280600e81526020016d119b1a5b9d0811195b5bc813919560921b815250604051806040016040528060058152602001644644454d4f60d81b815250815f9081610063919061011b565b506001610070828261011b565b5050506101d9565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806100a057607f821691505b6020821081036100be57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610116578282111561011657805f5260205f20601f840160051c60208510156100ef57505f5b90810190601f840160051c035f5b81811015610112575f838201556001016100fd565b5050505b505050565b81516001600160401b0381111561013457610134610078565b61014881610142845461008c565b846100c4565b6020601f82116001811461017a575f83156101635750848201515b5f19600385901b1c1916600184901b1784556101d2565b5f84815260208120601f198516915b828110156101a95787850151825560209485019460019092019101610189565b50848210156101c657868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b610fa6806101e65f395ff3fe608060405234801561000f575f5ffd5b50600436106100e5575f3560e01c80636a62784211610088578063a22cb46511610063578063a22cb465146101db578063b88d4fde146101ee578063c87b56dd14610201578063e985e9c514610214575f5ffd5b80636a6278421461019f57806370a08231146101c057806395d89b41146101d3575f5ffd5b8063095ea7b3116100c3578063095ea7b31461015157806323b872dd1461016657806342842e0e146101795780636352211e1461018c575f5ffd5b806301ffc9a7146100e957806306fdde0314610111578063081812fc14610126575b5f5ffd5b6100fc6100f7366004610c65565b610227565b60405190151581526020015b60405180910390f35b610119610278565b6040516101089190610cae565b610139610134366004610cc0565b610307565b6040516001600160a01b039091168152602001610108565b61016461015f366004610cf2565b61032e565b005b610164610174366004610d1a565b61033d565b610164610187366004610d1a565b6103cb565b61013961019a366004610cc0565b6103ea565b6101b26101ad366004610d54565b6103f4565b604051908152602001610108565b6101b26101ce366004610d54565b61044e565b610119610493565b6101646101e9366004610d6d565b6104a2565b6101646101fc366004610dba565b6104ad565b61011961020f366004610cc0565b6104c5565b6100fc610222366004610e97565b610536565b5f6001600160e01b031982166380ac58cd60e01b148061025757506001600160e01b03198216635b5e139f60e01b145b8061027257506301ffc9a760e01b6001600160e01b03198316145b92915050565b60605f805461028690610ec8565b80601f01602080910402602001604051908101604052809291908181526020018280546102b290610ec8565b80156102fd5780601f106102d4576101008083540402835291602001916102fd565b820191905f5260205f20905b8154815290600101906020018083116102e057829003601f168201915b5050505050905090565b5f61031182610563565b505f828152600460205260409020546001600160a01b0316610272565b61033982823361059b565b5050565b6001600160a01b03821661036b57604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f6103778383336105a8565b9050836001600160a01b0316816001600160a01b0316146103c5576040516364283d7b60e01b81526001600160a01b0380861660048301526024820184905282166044820152606401610362565b50505050565b6103e583838360405180602001604052805f8152506104ad565b505050565b5f61027282610563565b5f60065f815461040390610f00565b91829055509050610414828261069a565b60405181906001600160a01b038416907f30385c845b448a36257a6a1716e6ad2e1bc2cbe333cde1e69fe849ad6511adfe905f90a3919050565b5f6001600160a01b038216610478576040516322718ad960e21b81525f6004820152602401610362565b506001600160a01b03165f9081526003602052604090205490565b60606001805461028690610ec8565b6103393383836106b3565b6104b884848461033d565b6103c5338585858561077a565b60606104d082610563565b505f6104e660408051602081019091525f815290565b90505f8151116105045760405180602001604052805f81525061052f565b8061050e846108a2565b60405160200161051f929190610f3b565b6040516020818303038152906040525b9392505050565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b5f818152600260205260408120546001600160a01b03168061027257604051637e27328960e01b815260048101849052602401610362565b6103e58383836001610932565b5f828152600260205260408120546001600160a01b03908116908316156105d4576105d4818486610a36565b6001600160a01b0381161561060e576105ef5f855f5f610932565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b0385161561063c576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b610339828260405180602001604052805f815250610a9a565b6001600160a01b0383166106dc5760405163a9fbf51f60e01b81525f6004820152602401610362565b6001600160a01b03821661070e57604051630b61174360e31b81526001600160a01b0383166004820152602401610362565b6001600160a01b038381165f81815260056020908152604080832094871680845294825291829020805460ff191686151590811790915591519182527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31910160405180910390a3505050565b6001600160a01b0383163b1561089b57604051630a85bd0160e11b81526001600160a01b0384169063150b7a02906107bc908890889087908790600401610f4f565b6020604051808303815f875af19250505080156107f6575060408051601f3d908101601f191682019092526107f391810190610f8b565b60015b61085d573d808015610823576040519150601f19603f3d011682016040523d82523d5f602084013e610828565b606091505b5080515f0361085557604051633250574960e11b81526001600160a01b0385166004820152602401610362565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b1461089957604051633250574960e11b81526001600160a01b0385166004820152602401610362565b505b5050505050565b60605f6108ae83610ab1565b60010190505f8167ffffffffffffffff8111156108cd576108cd610da6565b6040519080825280601f01601f1916602001820160405280156108f7576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a850494508461090157509392505050565b808061094657506001600160a01b03821615155b15610a07575f61095584610563565b90506001600160a01b038316158015906109815750826001600160a01b0316816001600160a01b031614155b801561099457506109928184610536565b155b156109bd5760405163a9fbf51f60e01b81526001600160a01b0384166004820152602401610362565b8115610a055783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b610a41838383610b88565b6103e5576001600160a01b038316610a6f57604051637e27328960e01b815260048101829052602401610362565b60405163177e802f60e01b81526001600160a01b038316600482015260248101829052604401610362565b610aa48383610bec565b6103e5335f85858561077a565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310610aef5772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310610b1b576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310610b3957662386f26fc10000830492506010015b6305f5e1008310610b51576305f5e100830492506008015b6127108310610b6557612710830492506004015b60648310610b77576064830492506002015b600a83106102725760010192915050565b5f6001600160a01b03831615801590610be45750826001600160a01b0316846001600160a01b03161480610bc15750610bc18484610536565b80610be457505f828152600460205260409020546001600160a01b038481169116145b949350505050565b6001600160a01b038216610c1557604051633250574960e11b81525f6004820152602401610362565b5f610c2183835f6105a8565b90506001600160a01b038116156103e5576040516339e3563760e11b81525f6004820152602401610362565b6001600160e01b031981168114610c62575f5ffd5b50565b5f60208284031215610c75575f5ffd5b813561052f81610c4d565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f61052f6020830184610c80565b5f60208284031215610cd0575f5ffd5b5035919050565b80356001600160a01b0381168114610ced575f5ffd5b919050565b5f5f60408385031215610d03575f5ffd5b610d0c83610cd7565b946020939093013593505050565b5f5f5f60608486031215610d2c575f5ffd5b610d3584610cd7565b9250610d4360208501610cd7565b929592945050506040919091013590565b5f60208284031215610d64575f5ffd5b61052f82610cd7565b5f5f60408385031215610d7e575f5ffd5b610d8783610cd7565b915060208301358015158114610d9b575f5ffd5b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f60808587031215610dcd575f5ffd5b610dd685610cd7565b9350610de460208601610cd7565b925060408501359150606085013567ffffffffffffffff811115610e06575f5ffd5b8501601f81018713610e16575f5ffd5b803567ffffffffffffffff811115610e3057610e30610da6565b604051601f8201601f19908116603f0116810167ffffffffffffffff81118282101715610e5f57610e5f610da6565b604052818152828201602001891015610e76575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f60408385031215610ea8575f5ffd5b610eb183610cd7565b9150610ebf60208401610cd7565b90509250929050565b600181811c90821680610edc57607f821691505b602082108103610efa57634e487b7160e01b5f52602260045260245ffd5b50919050565b5f60018201610f1d57634e487b7160e01b5f52601160045260245ffd5b5060010190565b5f81518060208401855e5f93019283525090919050565b5f610be4610f498386610f24565b84610f24565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f90610f8190830184610c80565b9695505050505050565b5f60208284031215610f9b575f5ffd5b815161052f81610c4d56",
}

// DemoNFT is an auto generated Go binding around an Ethereum contract.
type DemoNFT struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *DemoNFT) GetABI() abi.ABI {
	return c.abi
}

// NewDemoNFT creates a new instance of DemoNFT.
func NewDemoNFT() *DemoNFT {
	parsed, err := DemoNFTMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &DemoNFT{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *DemoNFT) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (demoNFT *DemoNFT) PackApprove(to common.Address, tokenId *big.Int) []byte {
	enc, err := demoNFT.abi.Pack("approve", to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (demoNFT *DemoNFT) TryPackApprove(to common.Address, tokenId *big.Int) ([]byte, error) {
	return demoNFT.abi.Pack("approve", to, tokenId)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (demoNFT *DemoNFT) PackBalanceOf(owner common.Address) []byte {
	enc, err := demoNFT.abi.Pack("balanceOf", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (demoNFT *DemoNFT) TryPackBalanceOf(owner common.Address) ([]byte, error) {
	return demoNFT.abi.Pack("balanceOf", owner)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (demoNFT *DemoNFT) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := demoNFT.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (demoNFT *DemoNFT) PackGetApproved(tokenId *big.Int) []byte {
	enc, err := demoNFT.abi.Pack("getApproved", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (demoNFT *DemoNFT) TryPackGetApproved(tokenId *big.Int) ([]byte, error) {
	return demoNFT.abi.Pack("getApproved", tokenId)
}

// UnpackGetApproved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x081812fc.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (demoNFT *DemoNFT) UnpackGetApproved(data []byte) (common.Address, error) {
	out, err := demoNFT.abi.Unpack("getApproved", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (demoNFT *DemoNFT) PackIsApprovedForAll(owner common.Address, operator common.Address) []byte {
	enc, err := demoNFT.abi.Pack("isApprovedForAll", owner, operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (demoNFT *DemoNFT) TryPackIsApprovedForAll(owner common.Address, operator common.Address) ([]byte, error) {
	return demoNFT.abi.Pack("isApprovedForAll", owner, operator)
}

// UnpackIsApprovedForAll is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe985e9c5.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (demoNFT *DemoNFT) UnpackIsApprovedForAll(data []byte) (bool, error) {
	out, err := demoNFT.abi.Unpack("isApprovedForAll", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a627842.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to) returns(uint256 tokenId)
func (demoNFT *DemoNFT) PackMint(to common.Address) []byte {
	enc, err := demoNFT.abi.Pack("mint", to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a627842.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to) returns(uint256 tokenId)
func (demoNFT *DemoNFT) TryPackMint(to common.Address) ([]byte, error) {
	return demoNFT.abi.Pack("mint", to)
}

// UnpackMint is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6a627842.
//
// Solidity: function mint(address to) returns(uint256 tokenId)
func (demoNFT *DemoNFT) UnpackMint(data []byte) (*big.Int, error) {
	out, err := demoNFT.abi.Unpack("mint", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (demoNFT *DemoNFT) PackName() []byte {
	enc, err := demoNFT.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (demoNFT *DemoNFT) TryPackName() ([]byte, error) {
	return demoNFT.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (demoNFT *DemoNFT) UnpackName(data []byte) (string, error) {
	out, err := demoNFT.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (demoNFT *DemoNFT) PackOwnerOf(tokenId *big.Int) []byte {
	enc, err := demoNFT.abi.Pack("ownerOf", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (demoNFT *DemoNFT) TryPackOwnerOf(tokenId *big.Int) ([]byte, error) {
	return demoNFT.abi.Pack("ownerOf", tokenId)
}

// UnpackOwnerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6352211e.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (demoNFT *DemoNFT) UnpackOwnerOf(data []byte) (common.Address, error) {
	out, err := demoNFT.abi.Unpack("ownerOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (demoNFT *DemoNFT) PackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := demoNFT.abi.Pack("safeTransferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (demoNFT *DemoNFT) TryPackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return demoNFT.abi.Pack("safeTransferFrom", from, to, tokenId)
}

// PackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (demoNFT *DemoNFT) PackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) []byte {
	enc, err := demoNFT.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (demoNFT *DemoNFT) TryPackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) ([]byte, error) {
	return demoNFT.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
}

// PackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (demoNFT *DemoNFT) PackSetApprovalForAll(operator common.Address, approved bool) []byte {
	enc, err := demoNFT.abi.Pack("setApprovalForAll", operator, approved)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (demoNFT *DemoNFT) TryPackSetApprovalForAll(operator common.Address, approved bool) ([]byte, error) {
	return demoNFT.abi.Pack("setApprovalForAll", operator, approved)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (demoNFT *DemoNFT) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := demoNFT.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (demoNFT *DemoNFT) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return demoNFT.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (demoNFT *DemoNFT) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := demoNFT.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (demoNFT *DemoNFT) PackSymbol() []byte {
	enc, err := demoNFT.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (demoNFT *DemoNFT) TryPackSymbol() ([]byte, error) {
	return demoNFT.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (demoNFT *DemoNFT) UnpackSymbol(data []byte) (string, error) {
	out, err := demoNFT.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (demoNFT *DemoNFT) PackTokenURI(tokenId *big.Int) []byte {
	enc, err := demoNFT.abi.Pack("tokenURI", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (demoNFT *DemoNFT) TryPackTokenURI(tokenId *big.Int) ([]byte, error) {
	return demoNFT.abi.Pack("tokenURI", tokenId)
}

// UnpackTokenURI is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc87b56dd.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (demoNFT *DemoNFT) UnpackTokenURI(data []byte) (string, error) {
	out, err := demoNFT.abi.Unpack("tokenURI", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (demoNFT *DemoNFT) PackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := demoNFT.abi.Pack("transferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (demoNFT *DemoNFT) TryPackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return demoNFT.abi.Pack("transferFrom", from, to, tokenId)
}

// DemoNFTApproval represents a Approval event raised by the DemoNFT contract.
type DemoNFTApproval struct {
	Owner    common.Address
	Approved common.Address
	TokenId  *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const DemoNFTApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (DemoNFTApproval) ContractEventName() string {
	return DemoNFTApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)
func (demoNFT *DemoNFT) UnpackApprovalEvent(log *types.Log) (*DemoNFTApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != demoNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DemoNFTApproval)
	if len(log.Data) > 0 {
		if err := demoNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range demoNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// DemoNFTApprovalForAll represents a ApprovalForAll event raised by the DemoNFT contract.
type DemoNFTApprovalForAll struct {
	Owner    common.Address
	Operator common.Address
	Approved bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const DemoNFTApprovalForAllEventName = "ApprovalForAll"

// ContractEventName returns the user-defined event name.
func (DemoNFTApprovalForAll) ContractEventName() string {
	return DemoNFTApprovalForAllEventName
}

// UnpackApprovalForAllEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ApprovalForAll(address indexed owner, address indexed operator, bool approved)
func (demoNFT *DemoNFT) UnpackApprovalForAllEvent(log *types.Log) (*DemoNFTApprovalForAll, error) {
	event := "ApprovalForAll"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != demoNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DemoNFTApprovalForAll)
	if len(log.Data) > 0 {
		if err := demoNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range demoNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// DemoNFTMinted represents a Minted event raised by the DemoNFT contract.
type DemoNFTMinted struct {
	To      common.Address
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const DemoNFTMintedEventName = "Minted"

// ContractEventName returns the user-defined event name.
func (DemoNFTMinted) ContractEventName() string {
	return DemoNFTMintedEventName
}

// UnpackMintedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Minted(address indexed to, uint256 indexed tokenId)
func (demoNFT *DemoNFT) UnpackMintedEvent(log *types.Log) (*DemoNFTMinted, error) {
	event := "Minted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != demoNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DemoNFTMinted)
	if len(log.Data) > 0 {
		if err := demoNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range demoNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// DemoNFTTransfer represents a Transfer event raised by the DemoNFT contract.
type DemoNFTTransfer struct {
	From    common.Address
	To      common.Address
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const DemoNFTTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (DemoNFTTransfer) ContractEventName() string {
	return DemoNFTTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)
func (demoNFT *DemoNFT) UnpackTransferEvent(log *types.Log) (*DemoNFTTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != demoNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(DemoNFTTransfer)
	if len(log.Data) > 0 {
		if err := demoNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range demoNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (demoNFT *DemoNFT) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], demoNFT.abi.Errors["ERC721IncorrectOwner"].ID.Bytes()[:4]) {
		return demoNFT.UnpackERC721IncorrectOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], demoNFT.abi.Errors["ERC721InsufficientApproval"].ID.Bytes()[:4]) {
		return demoNFT.UnpackERC721InsufficientApprovalError(raw[4:])
	}
	if bytes.Equal(raw[:4], demoNFT.abi.Errors["ERC721InvalidApprover"].ID.Bytes()[:4]) {
		return demoNFT.UnpackERC721InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], demoNFT.abi.Errors["ERC721InvalidOperator"].ID.Bytes()[:4]) {
		return demoNFT.UnpackERC721InvalidOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], demoNFT.abi.Errors["ERC721InvalidOwner"].ID.Bytes()[:4]) {
		return demoNFT.UnpackERC721InvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], demoNFT.abi.Errors["ERC721InvalidReceiver"].ID.Bytes()[:4]) {
		return demoNFT.UnpackERC721InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], demoNFT.abi.Errors["ERC721InvalidSender"].ID.Bytes()[:4]) {
		return demoNFT.UnpackERC721InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], demoNFT.abi.Errors["ERC721NonexistentToken"].ID.Bytes()[:4]) {
		return demoNFT.UnpackERC721NonexistentTokenError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// DemoNFTERC721IncorrectOwner represents a ERC721IncorrectOwner error raised by the DemoNFT contract.
type DemoNFTERC721IncorrectOwner struct {
	Sender  common.Address
	TokenId *big.Int
	Owner   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func DemoNFTERC721IncorrectOwnerErrorID() common.Hash {
	return common.HexToHash("0x64283d7b313c8117c125f736876fa2b4e90ea3831a4716dfdb87d2f540e26289")
}

// UnpackERC721IncorrectOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func (demoNFT *DemoNFT) UnpackERC721IncorrectOwnerError(raw []byte) (*DemoNFTERC721IncorrectOwner, error) {
	out := new(DemoNFTERC721IncorrectOwner)
	if err := demoNFT.abi.UnpackIntoInterface(out, "ERC721IncorrectOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DemoNFTERC721InsufficientApproval represents a ERC721InsufficientApproval error raised by the DemoNFT contract.
type DemoNFTERC721InsufficientApproval struct {
	Operator common.Address
	TokenId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func DemoNFTERC721InsufficientApprovalErrorID() common.Hash {
	return common.HexToHash("0x177e802f6f313bc89797ecace66d6d29ab4719cbaaacbb87367264048b1eb861")
}

// UnpackERC721InsufficientApprovalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func (demoNFT *DemoNFT) UnpackERC721InsufficientApprovalError(raw []byte) (*DemoNFTERC721InsufficientApproval, error) {
	out := new(DemoNFTERC721InsufficientApproval)
	if err := demoNFT.abi.UnpackIntoInterface(out, "ERC721InsufficientApproval", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DemoNFTERC721InvalidApprover represents a ERC721InvalidApprover error raised by the DemoNFT contract.
type DemoNFTERC721InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidApprover(address approver)
func DemoNFTERC721InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xa9fbf51f86b8e03595d59dc726bb10c329bb24f62589be276d8dd193ca0b69ea")
}

// UnpackERC721InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidApprover(address approver)
func (demoNFT *DemoNFT) UnpackERC721InvalidApproverError(raw []byte) (*DemoNFTERC721InvalidApprover, error) {
	out := new(DemoNFTERC721InvalidApprover)
	if err := demoNFT.abi.UnpackIntoInterface(out, "ERC721InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DemoNFTERC721InvalidOperator represents a ERC721InvalidOperator error raised by the DemoNFT contract.
type DemoNFTERC721InvalidOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOperator(address operator)
func DemoNFTERC721InvalidOperatorErrorID() common.Hash {
	return common.HexToHash("0x5b08ba185e8f577075361f3a3555a6580a227ce22734dcc979c1aeadf894658b")
}

// UnpackERC721InvalidOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOperator(address operator)
func (demoNFT *DemoNFT) UnpackERC721InvalidOperatorError(raw []byte) (*DemoNFTERC721InvalidOperator, error) {
	out := new(DemoNFTERC721InvalidOperator)
	if err := demoNFT.abi.UnpackIntoInterface(out, "ERC721InvalidOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DemoNFTERC721InvalidOwner represents a ERC721InvalidOwner error raised by the DemoNFT contract.
type DemoNFTERC721InvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOwner(address owner)
func DemoNFTERC721InvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x89c62b6479af2e623826dcc39c5133061d35b66d72de92833401dd2fd6567480")
}

// UnpackERC721InvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOwner(address owner)
func (demoNFT *DemoNFT) UnpackERC721InvalidOwnerError(raw []byte) (*DemoNFTERC721InvalidOwner, error) {
	out := new(DemoNFTERC721InvalidOwner)
	if err := demoNFT.abi.UnpackIntoInterface(out, "ERC721InvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DemoNFTERC721InvalidReceiver represents a ERC721InvalidReceiver error raised by the DemoNFT contract.
type DemoNFTERC721InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func DemoNFTERC721InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0x64a0ae9278f805eaf991dcd18ca78756d280b7508b764ef1b255c55845c11df9")
}

// UnpackERC721InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func (demoNFT *DemoNFT) UnpackERC721InvalidReceiverError(raw []byte) (*DemoNFTERC721InvalidReceiver, error) {
	out := new(DemoNFTERC721InvalidReceiver)
	if err := demoNFT.abi.UnpackIntoInterface(out, "ERC721InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DemoNFTERC721InvalidSender represents a ERC721InvalidSender error raised by the DemoNFT contract.
type DemoNFTERC721InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidSender(address sender)
func DemoNFTERC721InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x73c6ac6e10798e95d99e1f130d923eb40193ecb8d094ec3dce93292564eb3b17")
}

// UnpackERC721InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidSender(address sender)
func (demoNFT *DemoNFT) UnpackERC721InvalidSenderError(raw []byte) (*DemoNFTERC721InvalidSender, error) {
	out := new(DemoNFTERC721InvalidSender)
	if err := demoNFT.abi.UnpackIntoInterface(out, "ERC721InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// DemoNFTERC721NonexistentToken represents a ERC721NonexistentToken error raised by the DemoNFT contract.
type DemoNFTERC721NonexistentToken struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func DemoNFTERC721NonexistentTokenErrorID() common.Hash {
	return common.HexToHash("0x7e273289a3a9ef6670f06df7dca227856fc925e956db96980692764a8bc734d7")
}

// UnpackERC721NonexistentTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func (demoNFT *DemoNFT) UnpackERC721NonexistentTokenError(raw []byte) (*DemoNFTERC721NonexistentToken, error) {
	out := new(DemoNFTERC721NonexistentToken)
	if err := demoNFT.abi.UnpackIntoInterface(out, "ERC721NonexistentToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPHelperMetaData contains all meta data concerning the PKPHelper contract.
var PKPHelperMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"pkpNft\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"permissions\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"claimKeyType\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"dataKeyType\",\"type\":\"uint256\"}],\"name\":\"KeyTypeMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"what\",\"type\":\"string\"}],\"name\":\"LengthMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"UnexpectedToken\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"derivedKeyId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"internalType\":\"structSignature[]\",\"name\":\"signatures\",\"type\":\"tuple[]\"}],\"internalType\":\"structPKPHelper.ClaimMaterial\",\"name\":\"claimMaterial\",\"type\":\"tuple\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes[]\",\"name\":\"permittedIpfsCIDs\",\"type\":\"bytes[]\"},{\"internalType\":\"uint256[][]\",\"name\":\"permittedIpfsCIDScopes\",\"type\":\"uint256[][]\"},{\"internalType\":\"address[]\",\"name\":\"permittedAddresses\",\"type\":\"address[]\"},{\"internalType\":\"uint256[][]\",\"name\":\"permittedAddressScopes\",\"type\":\"uint256[][]\"},{\"internalType\":\"uint256[]\",\"name\":\"permittedAuthMethodTypes\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes[]\",\"name\":\"permittedAuthMethodIds\",\"type\":\"bytes[]\"},{\"internalType\":\"bytes[]\",\"name\":\"permittedAuthMethodPubkeys\",\"type\":\"bytes[]\"},{\"internalType\":\"uint256[][]\",\"name\":\"permittedAuthMethodScopes\",\"type\":\"uint256[][]\"},{\"internalType\":\"bool\",\"name\":\"addPkpEthAddressAsPermittedAddress\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"sendPkpToItself\",\"type\":\"bool\"}],\"internalType\":\"structPKPHelper.AuthMethodData\",\"name\":\"authMethodData\",\"type\":\"tuple\"}],\"name\":\"claimAndMintNextAndAddAuthMethods\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getPkpNftAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getPkpPermissionsAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"uint256[]\",\"name\":\"permittedAuthMethodTypes\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes[]\",\"name\":\"permittedAuthMethodIds\",\"type\":\"bytes[]\"},{\"internalType\":\"bytes[]\",\"name\":\"permittedAuthMethodPubkeys\",\"type\":\"bytes[]\"},{\"internalType\":\"uint256[][]\",\"name\":\"permittedAuthMethodScopes\",\"type\":\"uint256[][]\"},{\"internalType\":\"bool\",\"name\":\"addPkpEthAddressAsPermittedAddress\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"sendPkpToItself\",\"type\":\"bool\"}],\"name\":\"mintNextAndAddAuthMethods\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"name\":\"onERC721Received\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "284f532c329be20879d8881ffc7a851674",
	Bin: "0x60c060405234801561000f575f5ffd5b5060405161115c38038061115c83398101604081905261002e9161009b565b6001600160a01b038216158061004b57506001600160a01b038116155b156100695760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b039182166080521660a0526100cc565b80516001600160a01b0381168114610096575f5ffd5b919050565b5f5f604083850312156100ac575f5ffd5b6100b583610080565b91506100c360208401610080565b90509250929050565b60805160a05161103161012b5f395f818160980152818161049f0152818161057b015281816106c301526108e701525f818161011201528181610142015281816101f50152818161037001528181610864015261098701526110315ff3fe608060405260043610610049575f3560e01c8063150b7a021461004d5780633276558c1461008a5780635e8fe509146100d05780639fba176b146100f1578063caead0c714610104575b5f5ffd5b348015610058575f5ffd5b5061006c610067366004610a41565b610136565b6040516001600160e01b031990911681526020015b60405180910390f35b348015610095575f5ffd5b507f00000000000000000000000000000000000000000000000000000000000000005b6040516001600160a01b039091168152602001610081565b6100e36100de366004610ada565b6101be565b604051908152602001610081565b6100e36100ff366004610ba6565b610350565b34801561010f575f5ffd5b507f00000000000000000000000000000000000000000000000000000000000000006100b8565b5f336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614158061017857506001600160a01b0386163014155b156101ac5760405163429101d960e01b81523360048201526001600160a01b03871660248201526044015b60405180910390fd5b50630a85bd0160e11b95945050505050565b5f82358235146101eb5760405163defe4d5360e01b815283356004820152823560248201526044016101a3565b6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016633fa0eeb8348535602087013561022f6040890189610c9d565b61023c60608b018b610ce0565b336040518963ffffffff1660e01b815260040161025f9796959493929190610d4d565b60206040518083038185885af115801561027b573d5f5f3e3d5ffd5b50505050506040513d601f19601f820116820180604052508101906102a09190610de5565b90506102df816102b36020850185610dfc565b6102c06040870187610dfc565b6102cd6060890189610dfc565b6102da60808b018b610dfc565b61040a565b61031d816102f060a0850185610dfc565b6102fd60c0870187610dfc565b61030a60e0890189610dfc565b6103186101008b018b610dfc565b610658565b61034a8161033361014085016101208601610e42565b61034561016086016101408701610e42565b61084c565b92915050565b604051632e91458b60e11b8152600481018c90525f906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690635d228b1690349060240160206040518083038185885af11580156103b8573d5f5f3e3d5ffd5b50505050506040513d601f19601f820116820180604052508101906103dd9190610de5565b90506103f0818c8c8c8c8c8c8c8c610658565b6103fb81848461084c565b9b9a5050505050505050505050565b86851461044e57604051630cd1ca6960e41b81526020600482015260116024820152707065726d6974746564497066734349447360781b60448201526064016101a3565b82811461049357604051630cd1ca6960e41b81526020600482015260126024820152717065726d697474656441646472657373657360701b60448201526064016101a3565b5f5b8781101561056e577f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316638a4315788b8b8b858181106104df576104df610e62565b90506020028101906104f19190610c9d565b8b8b8781811061050357610503610e62565b90506020028101906105159190610dfc565b6040518663ffffffff1660e01b8152600401610535959493929190610ea6565b5f604051808303815f87803b15801561054c575f5ffd5b505af115801561055e573d5f5f3e3d5ffd5b5050600190920191506104959050565b505f5b8381101561064c577f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316631663c1218b8787858181106105bb576105bb610e62565b90506020020160208101906105d09190610ed2565b8686868181106105e2576105e2610e62565b90506020028101906105f49190610dfc565b6040518563ffffffff1660e01b81526004016106139493929190610eed565b5f604051808303815f87803b15801561062a575f5ffd5b505af115801561063c573d5f5f3e3d5ffd5b5050600190920191506105719050565b50505050505050505050565b86851415806106675750868314155b806106725750868114155b156106b757604051630cd1ca6960e41b81526020600482015260146024820152737065726d6974746564417574684d6574686f647360601b60448201526064016101a3565b5f5b8781101561064c577f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316639dd4349b8b60405180606001604052808d8d8781811061070e5761070e610e62565b9050602002013581526020018b8b8781811061072c5761072c610e62565b905060200281019061073e9190610c9d565b8080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525050509082525060200189898781811061078957610789610e62565b905060200281019061079b9190610c9d565b8080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525050509152508686868181106107e2576107e2610e62565b90506020028101906107f49190610dfc565b6040518563ffffffff1660e01b81526004016108139493929190610f4f565b5f604051808303815f87803b15801561082a575f5ffd5b505af115801561083c573d5f5f3e3d5ffd5b5050600190920191506106b99050565b6040516305ea4c3560e51b8152600481018490525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03169063bd4986a090602401602060405180830381865afa1580156108b1573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906108d59190610fb8565b90508215610985576001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016631663c12185835f604051908082528060200260200182016040528015610938578160200160208202803683370190505b506040518463ffffffff1660e01b815260040161095793929190610fd3565b5f604051808303815f87803b15801561096e575f5ffd5b505af1158015610980573d5f5f3e3d5ffd5b505050505b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03166342842e0e30846109c057336109c2565b835b6040516001600160e01b031960e085901b1681526001600160a01b03928316600482015291166024820152604481018790526064015f604051808303815f87803b158015610a0e575f5ffd5b505af1158015610a20573d5f5f3e3d5ffd5b5050505050505050565b6001600160a01b0381168114610a3e575f5ffd5b50565b5f5f5f5f5f60808688031215610a55575f5ffd5b8535610a6081610a2a565b94506020860135610a7081610a2a565b935060408601359250606086013567ffffffffffffffff811115610a92575f5ffd5b8601601f81018813610aa2575f5ffd5b803567ffffffffffffffff811115610ab8575f5ffd5b886020828401011115610ac9575f5ffd5b959894975092955050506020019190565b5f5f60408385031215610aeb575f5ffd5b823567ffffffffffffffff811115610b01575f5ffd5b830160808186031215610b12575f5ffd5b9150602083013567ffffffffffffffff811115610b2d575f5ffd5b83016101608186031215610b3f575f5ffd5b809150509250929050565b5f5f83601f840112610b5a575f5ffd5b50813567ffffffffffffffff811115610b71575f5ffd5b6020830191508360208260051b8501011115610b8b575f5ffd5b9250929050565b80358015158114610ba1575f5ffd5b919050565b5f5f5f5f5f5f5f5f5f5f5f60e08c8e031215610bc0575f5ffd5b8b359a5060208c013567ffffffffffffffff811115610bdd575f5ffd5b610be98e828f01610b4a565b909b5099505060408c013567ffffffffffffffff811115610c08575f5ffd5b610c148e828f01610b4a565b90995097505060608c013567ffffffffffffffff811115610c33575f5ffd5b610c3f8e828f01610b4a565b90975095505060808c013567ffffffffffffffff811115610c5e575f5ffd5b610c6a8e828f01610b4a565b9095509350610c7d905060a08d01610b92565b9150610c8b60c08d01610b92565b90509295989b509295989b9093969950565b5f5f8335601e19843603018112610cb2575f5ffd5b83018035915067ffffffffffffffff821115610ccc575f5ffd5b602001915036819003821315610b8b575f5ffd5b5f5f8335601e19843603018112610cf5575f5ffd5b83018035915067ffffffffffffffff821115610d0f575f5ffd5b6020019150606081023603821315610b8b575f5ffd5b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b87815286602082015260a060408201525f610d6c60a083018789610d25565b828103606084015284815285906020015f5b86811015610dc0578235825260208084013590830152604083013560ff8116808214610da8575f5ffd5b60408401525060609283019290910190600101610d7e565b506001600160a01b03851660808501529150610dd99050565b98975050505050505050565b5f60208284031215610df5575f5ffd5b5051919050565b5f5f8335601e19843603018112610e11575f5ffd5b83018035915067ffffffffffffffff821115610e2b575f5ffd5b6020019150600581901b3603821315610b8b575f5ffd5b5f60208284031215610e52575f5ffd5b610e5b82610b92565b9392505050565b634e487b7160e01b5f52603260045260245ffd5b8183525f6001600160fb1b03831115610e8d575f5ffd5b8260051b80836020870137939093016020019392505050565b858152606060208201525f610ebf606083018688610d25565b8281036040840152610dd9818587610e76565b5f60208284031215610ee2575f5ffd5b8135610e5b81610a2a565b8481526001600160a01b03841660208201526060604082018190525f90610f179083018486610e76565b9695505050505050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b84815260606020820152835160608201525f602085015160606080840152610f7a60c0840182610f21565b90506040860151605f198483030160a0850152610f978282610f21565b9150508281036040840152610fad818587610e76565b979650505050505050565b5f60208284031215610fc8575f5ffd5b8151610e5b81610a2a565b8381526001600160a01b03831660208083019190915260606040830181905283519083018190525f918401906080840190835b81811015611024578351835260209384019390920191600101611006565b509097965050505050505056",
}

// PKPHelper is an auto generated Go binding around an Ethereum contract.
type PKPHelper struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *PKPHelper) GetABI() abi.ABI {
	return c.abi
}

// NewPKPHelper creates a new instance of PKPHelper.
func NewPKPHelper() *PKPHelper {
	parsed, err := PKPHelperMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &PKPHelper{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *PKPHelper) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address pkpNft, address permissions) returns()
func (pKPHelper *PKPHelper) PackConstructor(pkpNft common.Address, permissions common.Address) []byte {
	enc, err := pKPHelper.abi.Pack("", pkpNft, permissions)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackClaimAndMintNextAndAddAuthMethods is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5e8fe509.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimAndMintNextAndAddAuthMethods((uint256,bytes32,bytes,(bytes32,bytes32,uint8)[]) claimMaterial, (uint256,bytes[],uint256[][],address[],uint256[][],uint256[],bytes[],bytes[],uint256[][],bool,bool) authMethodData) payable returns(uint256 tokenId)
func (pKPHelper *PKPHelper) PackClaimAndMintNextAndAddAuthMethods(claimMaterial PKPHelperClaimMaterial, authMethodData PKPHelperAuthMethodData) []byte {
	enc, err := pKPHelper.abi.Pack("claimAndMintNextAndAddAuthMethods", claimMaterial, authMethodData)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimAndMintNextAndAddAuthMethods is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5e8fe509.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimAndMintNextAndAddAuthMethods((uint256,bytes32,bytes,(bytes32,bytes32,uint8)[]) claimMaterial, (uint256,bytes[],uint256[][],address[],uint256[][],uint256[],bytes[],bytes[],uint256[][],bool,bool) authMethodData) payable returns(uint256 tokenId)
func (pKPHelper *PKPHelper) TryPackClaimAndMintNextAndAddAuthMethods(claimMaterial PKPHelperClaimMaterial, authMethodData PKPHelperAuthMethodData) ([]byte, error) {
	return pKPHelper.abi.Pack("claimAndMintNextAndAddAuthMethods", claimMaterial, authMethodData)
}

// UnpackClaimAndMintNextAndAddAuthMethods is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5e8fe509.
//
// Solidity: function claimAndMintNextAndAddAuthMethods((uint256,bytes32,bytes,(bytes32,bytes32,uint8)[]) claimMaterial, (uint256,bytes[],uint256[][],address[],uint256[][],uint256[],bytes[],bytes[],uint256[][],bool,bool) authMethodData) payable returns(uint256 tokenId)
func (pKPHelper *PKPHelper) UnpackClaimAndMintNextAndAddAuthMethods(data []byte) (*big.Int, error) {
	out, err := pKPHelper.abi.Unpack("claimAndMintNextAndAddAuthMethods", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetPkpNftAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcaead0c7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPkpNftAddress() view returns(address)
func (pKPHelper *PKPHelper) PackGetPkpNftAddress() []byte {
	enc, err := pKPHelper.abi.Pack("getPkpNftAddress")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPkpNftAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcaead0c7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPkpNftAddress() view returns(address)
func (pKPHelper *PKPHelper) TryPackGetPkpNftAddress() ([]byte, error) {
	return pKPHelper.abi.Pack("getPkpNftAddress")
}

// UnpackGetPkpNftAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcaead0c7.
//
// Solidity: function getPkpNftAddress() view returns(address)
func (pKPHelper *PKPHelper) UnpackGetPkpNftAddress(data []byte) (common.Address, error) {
	out, err := pKPHelper.abi.Unpack("getPkpNftAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetPkpPermissionsAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3276558c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPkpPermissionsAddress() view returns(address)
func (pKPHelper *PKPHelper) PackGetPkpPermissionsAddress() []byte {
	enc, err := pKPHelper.abi.Pack("getPkpPermissionsAddress")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPkpPermissionsAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3276558c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPkpPermissionsAddress() view returns(address)
func (pKPHelper *PKPHelper) TryPackGetPkpPermissionsAddress() ([]byte, error) {
	return pKPHelper.abi.Pack("getPkpPermissionsAddress")
}

// UnpackGetPkpPermissionsAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3276558c.
//
// Solidity: function getPkpPermissionsAddress() view returns(address)
func (pKPHelper *PKPHelper) UnpackGetPkpPermissionsAddress(data []byte) (common.Address, error) {
	out, err := pKPHelper.abi.Unpack("getPkpPermissionsAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackMintNextAndAddAuthMethods is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9fba176b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintNextAndAddAuthMethods(uint256 keyType, uint256[] permittedAuthMethodTypes, bytes[] permittedAuthMethodIds, bytes[] permittedAuthMethodPubkeys, uint256[][] permittedAuthMethodScopes, bool addPkpEthAddressAsPermittedAddress, bool sendPkpToItself) payable returns(uint256 tokenId)
func (pKPHelper *PKPHelper) PackMintNextAndAddAuthMethods(keyType *big.Int, permittedAuthMethodTypes []*big.Int, permittedAuthMethodIds [][]byte, permittedAuthMethodPubkeys [][]byte, permittedAuthMethodScopes [][]*big.Int, addPkpEthAddressAsPermittedAddress bool, sendPkpToItself bool) []byte {
	enc, err := pKPHelper.abi.Pack("mintNextAndAddAuthMethods", keyType, permittedAuthMethodTypes, permittedAuthMethodIds, permittedAuthMethodPubkeys, permittedAuthMethodScopes, addPkpEthAddressAsPermittedAddress, sendPkpToItself)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintNextAndAddAuthMethods is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9fba176b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintNextAndAddAuthMethods(uint256 keyType, uint256[] permittedAuthMethodTypes, bytes[] permittedAuthMethodIds, bytes[] permittedAuthMethodPubkeys, uint256[][] permittedAuthMethodScopes, bool addPkpEthAddressAsPermittedAddress, bool sendPkpToItself) payable returns(uint256 tokenId)
func (pKPHelper *PKPHelper) TryPackMintNextAndAddAuthMethods(keyType *big.Int, permittedAuthMethodTypes []*big.Int, permittedAuthMethodIds [][]byte, permittedAuthMethodPubkeys [][]byte, permittedAuthMethodScopes [][]*big.Int, addPkpEthAddressAsPermittedAddress bool, sendPkpToItself bool) ([]byte, error) {
	return pKPHelper.abi.Pack("mintNextAndAddAuthMethods", keyType, permittedAuthMethodTypes, permittedAuthMethodIds, permittedAuthMethodPubkeys, permittedAuthMethodScopes, addPkpEthAddressAsPermittedAddress, sendPkpToItself)
}

// UnpackMintNextAndAddAuthMethods is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9fba176b.
//
// Solidity: function mintNextAndAddAuthMethods(uint256 keyType, uint256[] permittedAuthMethodTypes, bytes[] permittedAuthMethodIds, bytes[] permittedAuthMethodPubkeys, uint256[][] permittedAuthMethodScopes, bool addPkpEthAddressAsPermittedAddress, bool sendPkpToItself) payable returns(uint256 tokenId)
func (pKPHelper *PKPHelper) UnpackMintNextAndAddAuthMethods(data []byte) (*big.Int, error) {
	out, err := pKPHelper.abi.Unpack("mintNextAndAddAuthMethods", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOnERC721Received is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x150b7a02.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function onERC721Received(address operator, address , uint256 , bytes ) view returns(bytes4)
func (pKPHelper *PKPHelper) PackOnERC721Received(operator common.Address, arg1 common.Address, arg2 *big.Int, arg3 []byte) []byte {
	enc, err := pKPHelper.abi.Pack("onERC721Received", operator, arg1, arg2, arg3)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOnERC721Received is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x150b7a02.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function onERC721Received(address operator, address , uint256 , bytes ) view returns(bytes4)
func (pKPHelper *PKPHelper) TryPackOnERC721Received(operator common.Address, arg1 common.Address, arg2 *big.Int, arg3 []byte) ([]byte, error) {
	return pKPHelper.abi.Pack("onERC721Received", operator, arg1, arg2, arg3)
}

// UnpackOnERC721Received is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x150b7a02.
//
// Solidity: function onERC721Received(address operator, address , uint256 , bytes ) view returns(bytes4)
func (pKPHelper *PKPHelper) UnpackOnERC721Received(data []byte) ([4]byte, error) {
	out, err := pKPHelper.abi.Unpack("onERC721Received", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (pKPHelper *PKPHelper) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], pKPHelper.abi.Errors["KeyTypeMismatch"].ID.Bytes()[:4]) {
		return pKPHelper.UnpackKeyTypeMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPHelper.abi.Errors["LengthMismatch"].ID.Bytes()[:4]) {
		return pKPHelper.UnpackLengthMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPHelper.abi.Errors["UnexpectedToken"].ID.Bytes()[:4]) {
		return pKPHelper.UnpackUnexpectedTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPHelper.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return pKPHelper.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// PKPHelperKeyTypeMismatch represents a KeyTypeMismatch error raised by the PKPHelper contract.
type PKPHelperKeyTypeMismatch struct {
	ClaimKeyType *big.Int
	DataKeyType  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KeyTypeMismatch(uint256 claimKeyType, uint256 dataKeyType)
func PKPHelperKeyTypeMismatchErrorID() common.Hash {
	return common.HexToHash("0xdefe4d53ce41e344ae7ae833cc3e353a430fb4539e121ebb0194fc18c500125f")
}

// UnpackKeyTypeMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KeyTypeMismatch(uint256 claimKeyType, uint256 dataKeyType)
func (pKPHelper *PKPHelper) UnpackKeyTypeMismatchError(raw []byte) (*PKPHelperKeyTypeMismatch, error) {
	out := new(PKPHelperKeyTypeMismatch)
	if err := pKPHelper.abi.UnpackIntoInterface(out, "KeyTypeMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPHelperLengthMismatch represents a LengthMismatch error raised by the PKPHelper contract.
type PKPHelperLengthMismatch struct {
	What string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LengthMismatch(string what)
func PKPHelperLengthMismatchErrorID() common.Hash {
	return common.HexToHash("0xcd1ca690f8ede640202b0083fb461b7c015f0544abe5c518308455e8e0712c31")
}

// UnpackLengthMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LengthMismatch(string what)
func (pKPHelper *PKPHelper) UnpackLengthMismatchError(raw []byte) (*PKPHelperLengthMismatch, error) {
	out := new(PKPHelperLengthMismatch)
	if err := pKPHelper.abi.UnpackIntoInterface(out, "LengthMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPHelperUnexpectedToken represents a UnexpectedToken error raised by the PKPHelper contract.
type PKPHelperUnexpectedToken struct {
	Token    common.Address
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnexpectedToken(address token, address operator)
func PKPHelperUnexpectedTokenErrorID() common.Hash {
	return common.HexToHash("0x429101d99aa58fc93f70c1e8d1687dbcf598975aeee614153c11eec34f6f55c7")
}

// UnpackUnexpectedTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnexpectedToken(address token, address operator)
func (pKPHelper *PKPHelper) UnpackUnexpectedTokenError(raw []byte) (*PKPHelperUnexpectedToken, error) {
	out := new(PKPHelperUnexpectedToken)
	if err := pKPHelper.abi.UnpackIntoInterface(out, "UnexpectedToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPHelperZeroAddress represents a ZeroAddress error raised by the PKPHelper contract.
type PKPHelperZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func PKPHelperZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (pKPHelper *PKPHelper) UnpackZeroAddressError(raw []byte) (*PKPHelperZeroAddress, error) {
	out := new(PKPHelperZeroAddress)
	if err := pKPHelper.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTMetaData contains all meta data concerning the PKPNFT contract.
var PKPNFTMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"staking\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AlreadyInitialized\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ERC721EnumerableForbiddenBatchMint\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721IncorrectOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721InsufficientApproval\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"ERC721InvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC721InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC721InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ERC721NonexistentToken\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ERC721OutOfBoundsIndex\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidKeyId\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidPubkey\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"KeyAlreadyRegistered\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"keyId\",\"type\":\"bytes32\"}],\"name\":\"KeyIdUsed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"KeyPoolEmpty\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotHelper\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotInitialized\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"}],\"name\":\"UnsupportedKeyType\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"WithdrawFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"sent\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"cost\",\"type\":\"uint256\"}],\"name\":\"WrongMintCost\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"approved\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"ApprovalForAll\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"keyId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"KeyPooled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"newMintCost\",\"type\":\"uint256\"}],\"name\":\"MintCostSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"generation\",\"type\":\"uint256\"}],\"name\":\"OwnerGenerationBumped\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"}],\"name\":\"PKPMinted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrew\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"CLAIM_KEY_TAG\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"POOL_KEY_TAG\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"keyId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"internalType\":\"structSignature[]\",\"name\":\"signatures\",\"type\":\"tuple[]\"}],\"internalType\":\"structAttestedKey[]\",\"name\":\"keys\",\"type\":\"tuple[]\"}],\"name\":\"addAttestedKeys\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"burn\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"derivedKeyId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"internalType\":\"structSignature[]\",\"name\":\"signatures\",\"type\":\"tuple[]\"}],\"name\":\"claimAndMint\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"derivedKeyId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"internalType\":\"structSignature[]\",\"name\":\"signatures\",\"type\":\"tuple[]\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"}],\"name\":\"claimAndMintFor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"keyId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"}],\"name\":\"claimKeyDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"exists\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getApproved\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getEthAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getHelperAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getPkpPermissionsAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getPubkey\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getRouterAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getStakingAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"}],\"name\":\"isApprovedForAll\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"keyId\",\"type\":\"bytes32\"}],\"name\":\"isKeyIdUsed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"keyPoolSize\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"mintCost\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"ipfsCID\",\"type\":\"bytes\"}],\"name\":\"mintGrantAndBurnNext\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"}],\"name\":\"mintNext\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ownerGeneration\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"ownerOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"keyId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"}],\"name\":\"poolKeyDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"safeTransferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"approved\",\"type\":\"bool\"}],\"name\":\"setApprovalForAll\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"router\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"permissions\",\"type\":\"address\"}],\"name\":\"setContracts\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"helper\",\"type\":\"address\"}],\"name\":\"setHelper\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"newMintCost\",\"type\":\"uint256\"}],\"name\":\"setMintCost\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"tokenByIndex\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"tokenOfOwnerByIndex\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"tokenURI\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "acb8ccc583ca36af2d3a66d228379e4aa7",
	Bin: "0x60a060405234801561000f575f5ffd5b506040516131de3803806131de83398101604081905261002e9161017b565b816040518060400160405280601481526020017f50726f6772616d6d61626c65204b657970616972000000000000000000000000815250604051806040016040528060038152602001620504b560ec1b815250815f908161008f919061024f565b50600161009c828261024f565b5050506001600160a01b0381166100cc57604051631e4fbdf760e01b81525f600482015260240160405180910390fd5b6100d58161010f565b506001600160a01b0381166100fd5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03166080525061030d565b600a80546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b80516001600160a01b0381168114610176575f5ffd5b919050565b5f5f6040838503121561018c575f5ffd5b61019583610160565b91506101a360208401610160565b90509250929050565b634e487b7160e01b5f52604160045260245ffd5b600181811c908216806101d457607f821691505b6020821081036101f257634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561024a578282111561024a57805f5260205f20601f840160051c602085101561022357505f5b90810190601f840160051c035f5b81811015610246575f83820155600101610231565b5050505b505050565b81516001600160401b03811115610268576102686101ac565b61027c8161027684546101c0565b846101f8565b6020601f8211600181146102ae575f83156102975750848201515b5f19600385901b1c1916600184901b178455610306565b5f84815260208120601f198516915b828110156102dd57878501518255602094850194600190920191016102bd565b50848210156102fa57868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b608051612eab6103335f395f818161033f01528181611582015261168f0152612eab5ff3fe60806040526004361061025f575f3560e01c806370a082311161013f578063b88d4fde116100b3578063d54f7d5e11610078578063d54f7d5e14610735578063d8952a4914610752578063e985e9c514610771578063ef6fd87814610790578063f2fde38b146107af578063fa099ccd146107ce575f5ffd5b8063b88d4fde146106a7578063bd4986a0146106c6578063bdb4b848146106e5578063c3638f13146106f9578063c87b56dd14610716575f5ffd5b80638da5cb5b116101045780638da5cb5b14610605578063926c3b6a1461062257806395d89b4114610636578063986ccc7f1461064a578063a22cb46514610669578063b687137d14610688575f5ffd5b806370a0823114610569578063715018a6146105885780637c1463091461059c578063846d9293146105bb5780638545f4ea146105e6575f5ffd5b80633ccfd60b116101d657806346c8f86b1161019b57806346c8f86b146104935780634f558e79146104cf5780634f6ccce7146105055780635d228b16146105245780636352211e1461053757806366a306d714610556575f5ffd5b80633ccfd60b146103f15780633fa0eeb81461040557806340c0979e1461041857806342842e0e1461045557806342966c6814610474575f5ffd5b80630e9ed68b116102275780630e9ed68b146103315780630ffe6d701461036357806318160ddd1461038257806323b872dd146103965780632f745c59146103b55780633276558c146103d4575f5ffd5b806301ffc9a71461026357806306fdde0314610297578063081812fc146102b8578063095ea7b3146102ef5780630ab3dbbe14610310575b5f5ffd5b34801561026e575f5ffd5b5061028261027d3660046124d5565b6107fc565b60405190151581526020015b60405180910390f35b3480156102a2575f5ffd5b506102ab61080c565b60405161028e919061251e565b3480156102c3575f5ffd5b506102d76102d2366004612530565b61089b565b6040516001600160a01b03909116815260200161028e565b3480156102fa575f5ffd5b5061030e61030936600461255b565b6108c2565b005b61032361031e366004612609565b6108d1565b60405190815260200161028e565b34801561033c575f5ffd5b507f00000000000000000000000000000000000000000000000000000000000000006102d7565b34801561036e575f5ffd5b5061030e61037d366004612689565b61093d565b34801561038d575f5ffd5b50600854610323565b3480156103a1575f5ffd5b5061030e6103b03660046126f8565b610afb565b3480156103c0575f5ffd5b506103236103cf36600461255b565b610b89565b3480156103df575f5ffd5b50600c546001600160a01b03166102d7565b3480156103fc575f5ffd5b5061030e610bec565b610323610413366004612736565b610c93565b348015610423575f5ffd5b506102ab60405180604001604052806012815260200171666c696e742f636c61696d2d6b65792f763160701b81525081565b348015610460575f5ffd5b5061030e61046f3660046126f8565b610d60565b34801561047f575f5ffd5b5061030e61048e366004612530565b610d7a565b34801561049e575f5ffd5b506102ab60405180604001604052806011815260200170666c696e742f706f6f6c2d6b65792f763160781b81525081565b3480156104da575f5ffd5b506102826104e9366004612530565b5f908152600260205260409020546001600160a01b0316151590565b348015610510575f5ffd5b5061032361051f366004612530565b610d85565b610323610532366004612530565b610dda565b348015610542575f5ffd5b506102d7610551366004612530565b610e0a565b6103236105643660046127c9565b610e14565b348015610574575f5ffd5b50610323610583366004612810565b610ef3565b348015610593575f5ffd5b5061030e610f38565b3480156105a7575f5ffd5b506103236105b636600461282b565b610f4b565b3480156105c6575f5ffd5b506103236105d5366004612530565b5f9081526013602052604090205490565b3480156105f1575f5ffd5b5061030e610600366004612530565b610fb3565b348015610610575f5ffd5b50600a546001600160a01b03166102d7565b34801561062d575f5ffd5b50610323610ff6565b348015610641575f5ffd5b506102ab611026565b348015610655575f5ffd5b5061030e610664366004612810565b611035565b348015610674575f5ffd5b5061030e610683366004612885565b6110af565b348015610693575f5ffd5b506103236106a23660046127c9565b6110ba565b3480156106b2575f5ffd5b5061030e6106c136600461292a565b61111e565b3480156106d1575f5ffd5b506102d76106e0366004612530565b611136565b3480156106f0575f5ffd5b50600e54610323565b348015610704575f5ffd5b50600d546001600160a01b03166102d7565b348015610721575f5ffd5b506102ab610730366004612530565b6111a1565b348015610740575f5ffd5b50600b546001600160a01b03166102d7565b34801561075d575f5ffd5b5061030e61076c3660046129d1565b611212565b34801561077c575f5ffd5b5061028261078b3660046129d1565b6112ac565b34801561079b575f5ffd5b506102ab6107aa366004612530565b6112d9565b3480156107ba575f5ffd5b5061030e6107c9366004612810565b611347565b3480156107d9575f5ffd5b506102826107e8366004612530565b5f908152600f602052604090205460ff1690565b5f61080682611384565b92915050565b60605f805461081a906129fd565b80601f0160208091040260200160405190810160405280929190818152602001828054610846906129fd565b80156108915780601f1061086857610100808354040283529160200191610891565b820191905f5260205f20905b81548152906001019060200180831161087457829003601f168201915b5050505050905090565b5f6108a5826113a8565b505f828152600460205260409020546001600160a01b0316610806565b6108cd8282336113e0565b5050565b5f6108db876113ed565b5f6108ea878787878733611469565b92505050610932338888888080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152508792508e915061162b9050565b979650505050505050565b5f5b81811015610af6575f5f5f6109dc86868681811061095f5761095f612a35565b90506020028101906109719190612a49565b3587878781811061098457610984612a35565b90506020028101906109969190612a49565b6109a4906020810190612a67565b8989898181106109b6576109b6612a35565b90506020028101906109c89190612a49565b6109d6906040810190612aa9565b5f611469565b92509250925060405180606001604052808787878181106109ff576109ff612a35565b9050602002810190610a119190612a49565b35815260208082018690526040918201859052601280546001600160801b03600160801b9182900481165f90815260118552859020865181559386015160018501559490930151600290920191909155805491909104909116906010610a7683612b01565b91906101000a8154816001600160801b0302191690836001600160801b031602179055505080868686818110610aae57610aae612a35565b9050602002810190610ac09190612a49565b6040519035907fa85a39ebee68e0497ff80567a973571e7828681dcf735a132ff207712fc8c0fc905f90a350505060010161093f565b505050565b6001600160a01b038216610b2957604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f610b35838333611721565b9050836001600160a01b0316816001600160a01b031614610b83576040516364283d7b60e01b81526001600160a01b0380861660048301526024820184905282166044820152606401610b20565b50505050565b5f610b9383610ef3565b8210610bc45760405163295f44f760e21b81526001600160a01b038416600482015260248101839052604401610b20565b506001600160a01b03919091165f908152600660209081526040808320938352929052205490565b610bf4611872565b60405147905f90339083908381818185875af1925050503d805f8114610c35576040519150601f19603f3d011682016040523d82523d5f602084013e610c3a565b606091505b5050905080610c5c57604051631d42c86760e21b815260040160405180910390fd5b6040518281527fb6b476da71cea8275cac6b1720c04966afaff5e637472cedb6cbd32c43a232519060200160405180910390a15050565b600d545f906001600160a01b031633141580610cad575033155b15610ccd57604051630ba001d760e21b8152336004820152602401610b20565b6001600160a01b038216610cf45760405163d92e233d60e01b815260040160405180910390fd5b610cfd886113ed565b5f610d0c888888888888611469565b92505050610d54338989898080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152508792508f915061162b9050565b98975050505050505050565b610af683838360405180602001604052805f81525061111e565b6108cd5f8233611721565b5f610d8f60085490565b8210610db75760405163295f44f760e21b81525f600482015260248101839052604401610b20565b60088281548110610dca57610dca612a35565b905f5260205f2001549050919050565b5f610de4826113ed565b5f5f5f610def61189f565b925092509250610e02338484848961162b565b949350505050565b5f610806826113a8565b5f610e1e846113ed565b5f5f5f610e2961189f565b925092509250610e3c308484848b61162b565b6040805160018082528183019092525f91602080830190803683370190505090506001815f81518110610e7157610e71612a35565b6020908102919091010152600c5460405163114862af60e31b81526001600160a01b0390911690638a43157890610eb29085908b908b908790600401612b2b565b5f604051808303815f87803b158015610ec9575f5ffd5b505af1158015610edb573d5f5f3e3d5ffd5b50505050610ee8826119b1565b509695505050505050565b5f6001600160a01b038216610f1d576040516322718ad960e21b81525f6004820152602401610b20565b506001600160a01b03165f9081526003602052604090205490565b610f40611872565b610f495f6119e9565b565b5f60405180604001604052806012815260200171666c696e742f636c61696d2d6b65792f763160701b815250463087878787604051602001610f939796959493929190612bbc565b604051602081830303815290604052805190602001209050949350505050565b610fbb611872565b600e8190556040518181527f653b8b44976b2e5c016e082d134653d04dea9dbef92055038cca38c9300703559060200160405180910390a150565b6012545f90611018906001600160801b0380821691600160801b900416612c1f565b6001600160801b0316905090565b60606001805461081a906129fd565b61103d611872565b600d546001600160a01b0316156110665760405162dc149f60e41b815260040160405180910390fd5b6001600160a01b03811661108d5760405163d92e233d60e01b815260040160405180910390fd5b600d80546001600160a01b0319166001600160a01b0392909216919091179055565b6108cd338383611a3a565b5f60405180604001604052806011815260200170666c696e742f706f6f6c2d6b65792f763160781b81525046308686866040516020016110ff96959493929190612c3e565b6040516020818303038152906040528051906020012090509392505050565b611129848484610afb565b610b833385858585611b01565b600b546040516305ea4c3560e51b8152600481018390525f916001600160a01b03169063bd4986a090602401602060405180830381865afa15801561117d573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906108069190612c86565b60606111ac826113a8565b505f6111c260408051602081019091525f815290565b90505f8151116111e05760405180602001604052805f81525061120b565b806111ea84611c28565b6040516020016111fb929190612ca1565b6040516020818303038152906040525b9392505050565b61121a611872565b600b546001600160a01b0316156112435760405162dc149f60e41b815260040160405180910390fd5b6001600160a01b038216158061126057506001600160a01b038116155b1561127e5760405163d92e233d60e01b815260040160405180910390fd5b600b80546001600160a01b039384166001600160a01b031991821617909155600c8054929093169116179055565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b600b54604051631dedfb0f60e31b8152600481018390526060916001600160a01b03169063ef6fd878906024015f60405180830381865afa158015611320573d5f5f3e3d5ffd5b505050506040513d5f823e601f3d908101601f191682016040526108069190810190612cb5565b61134f611872565b6001600160a01b03811661137857604051631e4fbdf760e01b81525f6004820152602401610b20565b611381816119e9565b50565b5f6001600160e01b0319821663780e9d6360e01b1480610806575061080682611cb7565b5f818152600260205260408120546001600160a01b03168061080657604051637e27328960e01b815260048101849052602401610b20565b610af68383836001611d06565b600b546001600160a01b0316611416576040516321c4e35760e21b815260040160405180910390fd5b6002811461143a57604051633cac7d6b60e11b815260048101829052602401610b20565b600e54341461138157600e54604051636e103e0d60e01b81523460048201526024810191909152604401610b20565b5f80808861148a576040516358575a9f60e11b815260040160405180910390fd5b5f6114958989611e0a565b91955093509050806114ba5760405163422cc3b760e01b815260040160405180910390fd5b5f8a8152600f602052604090205460ff16156114ec5760405163189dd86f60e11b8152600481018b9052602401610b20565b88886040516114fc929190612d29565b60408051918290039091205f8181526010602052919091205490925060ff161561153c57604051630fe6105360e41b815260048101839052602401610b20565b5f6001600160a01b0386161561155d576115588b8b8b89610f4b565b611568565b6115688b8b8b6110ba565b604051630b168a5760e01b81529091506001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690630b168a57906115bb9084908c908c90600401612d38565b5f6040518083038186803b1580156115d1575f5ffd5b505afa1580156115e3573d5f5f3e3d5ffd5b5050505f9b8c525050600f60209081526040808c208054600160ff199182168117909255858e5260109093529b208054909116909a1790995591989097509095509350505050565b817f3b2cc0657d0387a736293d66389f78e4c8025e413c7a1ee67b7707d4418c46b88460405161165b919061251e565b60405180910390a2600b546040516307e65eb160e11b81526001600160a01b0390911690630fccbd62906116bb90859087907f00000000000000000000000000000000000000000000000000000000000000009087908b90600401612d93565b5f604051808303815f87803b1580156116d2575f5ffd5b505af11580156116e4573d5f5f3e3d5ffd5b505050506116f182611eeb565b306001600160a01b038616036117105761170b8583611eff565b61171a565b61171a8583611f60565b5050505050565b5f5f61172e858585611f79565b90506001600160a01b0381161580159061175057506001600160a01b03851615155b801561176e5750846001600160a01b0316816001600160a01b031614155b8015611780575061177e84612044565b155b80156118085750600b546040516305ea4c3560e51b8152600481018690526001600160a01b039091169063bd4986a090602401602060405180830381865afa1580156117ce573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906117f29190612c86565b6001600160a01b0316856001600160a01b031614155b15610e02575f8481526013602052604081208054829061182790612dd1565b9190508190559050847f2668af4ccb1a401881b0a2f9585b6fca49d4e6680b1de32f8135d6a014e3648c8260405161186191815260200190565b60405180910390a250949350505050565b600a546001600160a01b03163314610f495760405163118cdaa760e01b8152336004820152602401610b20565b6012545f9060609082906001600160801b03600160801b820481169116036118d95760405162cf835d60e01b815260040160405180910390fd5b601280546001600160801b039081165f81815260116020818152604080842081516060810183528154815260018201805482860152600283018054948301949094529686529390925290839055928290559181905583549193919092169161194083612b01565b82546001600160801b039182166101009390930a9283029190920219909116179055506020808201516040808401519051600160fa1b938101939093526021830191909152604182015260610160408051601f19818403018152919052905181516020830120909591945092509050565b5f6119bd5f835f611721565b90506001600160a01b0381166108cd57604051637e27328960e01b815260048101839052602401610b20565b600a80546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b6001600160a01b038316611a635760405163a9fbf51f60e01b81525f6004820152602401610b20565b6001600160a01b038216611a9557604051630b61174360e31b81526001600160a01b0383166004820152602401610b20565b6001600160a01b038381165f81815260056020908152604080832094871680845294825291829020805460ff191686151590811790915591519182527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31910160405180910390a3505050565b6001600160a01b0383163b1561171a57604051630a85bd0160e11b81526001600160a01b0384169063150b7a0290611b43908890889087908790600401612de9565b6020604051808303815f875af1925050508015611b7d575060408051601f3d908101601f19168201909252611b7a91810190612e25565b60015b611be4573d808015611baa576040519150601f19603f3d011682016040523d82523d5f602084013e611baf565b606091505b5080515f03611bdc57604051633250574960e11b81526001600160a01b0385166004820152602401610b20565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b14611c2057604051633250574960e11b81526001600160a01b0385166004820152602401610b20565b505050505050565b60605f611c3483612057565b60010190505f816001600160401b03811115611c5257611c526128c0565b6040519080825280601f01601f191660200182016040528015611c7c576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a8504945084611c8657509392505050565b5f6001600160e01b031982166380ac58cd60e01b1480611ce757506001600160e01b03198216635b5e139f60e01b145b8061080657506301ffc9a760e01b6001600160e01b0319831614610806565b8080611d1a57506001600160a01b03821615155b15611ddb575f611d29846113a8565b90506001600160a01b03831615801590611d555750826001600160a01b0316816001600160a01b031614155b8015611d685750611d6681846112ac565b155b15611d915760405163a9fbf51f60e01b81526001600160a01b0384166004820152602401610b20565b8115611dd95783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b5f8080604184141580611e46575084845f818110611e2a57611e2a612a35565b9050013560f81c60f81b6001600160f81b031916600460f81b14155b15611e5857505f915081905080611ee4565b611e66602160018688612e40565b611e6f91612e67565b9250611e7f604160218688612e40565b611e8891612e67565b915082826401000003d01982101580611ea757506401000003d0198110155b15611eb757505f9150611ee49050565b6401000003d01960076401000003d019846401000003d01986870909086401000003d01982830914925050505b9250925092565b5f611ef58261212e565b90506001815d5050565b6001600160a01b038216611f2857604051633250574960e11b81525f6004820152602401610b20565b5f611f3483835f611721565b90506001600160a01b03811615610af6576040516339e3563760e11b81525f6004820152602401610b20565b6108cd828260405180602001604052805f815250612180565b5f5f611f86858585612197565b90506001600160a01b038116611fe257611fdd84600880545f838152600960205260408120829055600182018355919091527ff3f7a9fe364faab93b216da50a3214154f22a0a2b415b23a84c8169e8b636ee30155565b612005565b846001600160a01b0316816001600160a01b031614612005576120058185612289565b6001600160a01b0385166120215761201c84612306565b610e02565b846001600160a01b0316816001600160a01b031614610e0257610e0285856123ad565b5f5f61204f8361212e565b5c9392505050565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b83106120955772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef810000000083106120c1576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc1000083106120df57662386f26fc10000830492506010015b6305f5e10083106120f7576305f5e100830492506008015b612710831061210b57612710830492506004015b6064831061211d576064830492506002015b600a83106108065760010192915050565b604080517fd8c290d09acfcff1a2c4205ee0fffe37c0d2d3a9bf300139ce335b1b4b9dc78c60208201529081018290525f90606001604051602081830303815290604052805190602001209050919050565b61218a8383611eff565b610af6335f858585611b01565b5f828152600260205260408120546001600160a01b03908116908316156121c3576121c38184866123fb565b6001600160a01b038116156121fd576121de5f855f5f611d06565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b0385161561222b576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b5f61229383610ef3565b5f838152600760209081526040808320546001600160a01b03881684526006909252909120919250908183146122e8575f83815260208281526040808320548584528184208190558352600790915290208290555b5f938452600760209081526040808620869055938552525081205550565b6008545f9061231790600190612e84565b5f838152600960205260408120546008805493945090928490811061233e5761233e612a35565b905f5260205f2001549050806008838154811061235d5761235d612a35565b5f91825260208083209091019290925582815260099091526040808220849055858252812055600880548061239457612394612e97565b600190038181905f5260205f20015f9055905550505050565b5f60016123b984610ef3565b6123c39190612e84565b6001600160a01b039093165f908152600660209081526040808320868452825280832085905593825260079052919091209190915550565b61240683838361245f565b610af6576001600160a01b03831661243457604051637e27328960e01b815260048101829052602401610b20565b60405163177e802f60e01b81526001600160a01b038316600482015260248101829052604401610b20565b5f6001600160a01b03831615801590610e025750826001600160a01b0316846001600160a01b03161480612498575061249884846112ac565b80610e025750505f908152600460205260409020546001600160a01b03908116911614919050565b6001600160e01b031981168114611381575f5ffd5b5f602082840312156124e5575f5ffd5b813561120b816124c0565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f61120b60208301846124f0565b5f60208284031215612540575f5ffd5b5035919050565b6001600160a01b0381168114611381575f5ffd5b5f5f6040838503121561256c575f5ffd5b823561257781612547565b946020939093013593505050565b5f5f83601f840112612595575f5ffd5b5081356001600160401b038111156125ab575f5ffd5b6020830191508360208285010111156125c2575f5ffd5b9250929050565b5f5f83601f8401126125d9575f5ffd5b5081356001600160401b038111156125ef575f5ffd5b6020830191508360206060830285010111156125c2575f5ffd5b5f5f5f5f5f5f6080878903121561261e575f5ffd5b863595506020870135945060408701356001600160401b03811115612641575f5ffd5b61264d89828a01612585565b90955093505060608701356001600160401b0381111561266b575f5ffd5b61267789828a016125c9565b979a9699509497509295939492505050565b5f5f6020838503121561269a575f5ffd5b82356001600160401b038111156126af575f5ffd5b8301601f810185136126bf575f5ffd5b80356001600160401b038111156126d4575f5ffd5b8560208260051b84010111156126e8575f5ffd5b6020919091019590945092505050565b5f5f5f6060848603121561270a575f5ffd5b833561271581612547565b9250602084013561272581612547565b929592945050506040919091013590565b5f5f5f5f5f5f5f60a0888a03121561274c575f5ffd5b873596506020880135955060408801356001600160401b0381111561276f575f5ffd5b61277b8a828b01612585565b90965094505060608801356001600160401b03811115612799575f5ffd5b6127a58a828b016125c9565b90945092505060808801356127b981612547565b8091505092959891949750929550565b5f5f5f604084860312156127db575f5ffd5b8335925060208401356001600160401b038111156127f7575f5ffd5b61280386828701612585565b9497909650939450505050565b5f60208284031215612820575f5ffd5b813561120b81612547565b5f5f5f5f6060858703121561283e575f5ffd5b8435935060208501356001600160401b0381111561285a575f5ffd5b61286687828801612585565b909450925050604085013561287a81612547565b939692955090935050565b5f5f60408385031215612896575f5ffd5b82356128a181612547565b9150602083013580151581146128b5575f5ffd5b809150509250929050565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b03811182821017156128fc576128fc6128c0565b604052919050565b5f6001600160401b0382111561291c5761291c6128c0565b50601f01601f191660200190565b5f5f5f5f6080858703121561293d575f5ffd5b843561294881612547565b9350602085013561295881612547565b92506040850135915060608501356001600160401b03811115612979575f5ffd5b8501601f81018713612989575f5ffd5b803561299c61299782612904565b6128d4565b8181528860208385010111156129b0575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f604083850312156129e2575f5ffd5b82356129ed81612547565b915060208301356128b581612547565b600181811c90821680612a1157607f821691505b602082108103612a2f57634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52603260045260245ffd5b5f8235605e19833603018112612a5d575f5ffd5b9190910192915050565b5f5f8335601e19843603018112612a7c575f5ffd5b8301803591506001600160401b03821115612a95575f5ffd5b6020019150368190038213156125c2575f5ffd5b5f5f8335601e19843603018112612abe575f5ffd5b8301803591506001600160401b03821115612ad7575f5ffd5b60200191506060810236038213156125c2575f5ffd5b634e487b7160e01b5f52601160045260245ffd5b5f6001600160801b0382166001600160801b038103612b2257612b22612aed565b60010192915050565b84815260606020820152826060820152828460808301375f60808483018101829052601f19601f86011683018381038201604085015284519181018290526020850191839160a001905b80831015612b985783518252602082019150602084019350600183019250612b75565b5098975050505050505050565b5f81518060208401855e5f93019283525090919050565b5f612bc7828a612ba5565b8881526bffffffffffffffffffffffff198860601b1660208201528660348201528486605483013760609390931b6bffffffffffffffffffffffff191660549390940192830193909352506068019695505050505050565b6001600160801b03828116828216039081111561080657610806612aed565b5f612c498289612ba5565b8781526bffffffffffffffffffffffff198760601b166020820152856034820152838560548301375f930160540192835250909695505050505050565b5f60208284031215612c96575f5ffd5b815161120b81612547565b5f610e02612caf8386612ba5565b84612ba5565b5f60208284031215612cc5575f5ffd5b81516001600160401b03811115612cda575f5ffd5b8201601f81018413612cea575f5ffd5b8051612cf861299782612904565b818152856020838501011115612d0c575f5ffd5b8160208401602083015e5f91810160200191909152949350505050565b818382375f9101908152919050565b83815260406020820181905281018290525f8360608301825b85811015610ee8578235825260208084013590830152604083013560ff8116808214612d7b575f5ffd5b60408401525060609283019290910190600101612d51565b85815260a060208201525f612dab60a08301876124f0565b6001600160a01b0395909516604083015250606081019290925260809091015292915050565b5f60018201612de257612de2612aed565b5060010190565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f90612e1b908301846124f0565b9695505050505050565b5f60208284031215612e35575f5ffd5b815161120b816124c0565b5f5f85851115612e4e575f5ffd5b83861115612e5a575f5ffd5b5050820193919092039150565b80356020831015610806575f19602084900360031b1b1692915050565b8181038181111561080657610806612aed565b634e487b7160e01b5f52603160045260245ffd",
}

// PKPNFT is an auto generated Go binding around an Ethereum contract.
type PKPNFT struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *PKPNFT) GetABI() abi.ABI {
	return c.abi
}

// NewPKPNFT creates a new instance of PKPNFT.
func NewPKPNFT() *PKPNFT {
	parsed, err := PKPNFTMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &PKPNFT{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *PKPNFT) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner, address staking) returns()
func (pKPNFT *PKPNFT) PackConstructor(owner common.Address, staking common.Address) []byte {
	enc, err := pKPNFT.abi.Pack("", owner, staking)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackCLAIMKEYTAG is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c0979e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function CLAIM_KEY_TAG() view returns(bytes)
func (pKPNFT *PKPNFT) PackCLAIMKEYTAG() []byte {
	enc, err := pKPNFT.abi.Pack("CLAIM_KEY_TAG")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCLAIMKEYTAG is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c0979e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function CLAIM_KEY_TAG() view returns(bytes)
func (pKPNFT *PKPNFT) TryPackCLAIMKEYTAG() ([]byte, error) {
	return pKPNFT.abi.Pack("CLAIM_KEY_TAG")
}

// UnpackCLAIMKEYTAG is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x40c0979e.
//
// Solidity: function CLAIM_KEY_TAG() view returns(bytes)
func (pKPNFT *PKPNFT) UnpackCLAIMKEYTAG(data []byte) ([]byte, error) {
	out, err := pKPNFT.abi.Unpack("CLAIM_KEY_TAG", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackPOOLKEYTAG is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x46c8f86b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function POOL_KEY_TAG() view returns(bytes)
func (pKPNFT *PKPNFT) PackPOOLKEYTAG() []byte {
	enc, err := pKPNFT.abi.Pack("POOL_KEY_TAG")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPOOLKEYTAG is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x46c8f86b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function POOL_KEY_TAG() view returns(bytes)
func (pKPNFT *PKPNFT) TryPackPOOLKEYTAG() ([]byte, error) {
	return pKPNFT.abi.Pack("POOL_KEY_TAG")
}

// UnpackPOOLKEYTAG is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x46c8f86b.
//
// Solidity: function POOL_KEY_TAG() view returns(bytes)
func (pKPNFT *PKPNFT) UnpackPOOLKEYTAG(data []byte) ([]byte, error) {
	out, err := pKPNFT.abi.Unpack("POOL_KEY_TAG", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackAddAttestedKeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ffe6d70.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addAttestedKeys((bytes32,bytes,(bytes32,bytes32,uint8)[])[] keys) returns()
func (pKPNFT *PKPNFT) PackAddAttestedKeys(keys []AttestedKey) []byte {
	enc, err := pKPNFT.abi.Pack("addAttestedKeys", keys)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddAttestedKeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ffe6d70.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addAttestedKeys((bytes32,bytes,(bytes32,bytes32,uint8)[])[] keys) returns()
func (pKPNFT *PKPNFT) TryPackAddAttestedKeys(keys []AttestedKey) ([]byte, error) {
	return pKPNFT.abi.Pack("addAttestedKeys", keys)
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (pKPNFT *PKPNFT) PackApprove(to common.Address, tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("approve", to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address to, uint256 tokenId) returns()
func (pKPNFT *PKPNFT) TryPackApprove(to common.Address, tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("approve", to, tokenId)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (pKPNFT *PKPNFT) PackBalanceOf(owner common.Address) []byte {
	enc, err := pKPNFT.abi.Pack("balanceOf", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (pKPNFT *PKPNFT) TryPackBalanceOf(owner common.Address) ([]byte, error) {
	return pKPNFT.abi.Pack("balanceOf", owner)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address owner) view returns(uint256)
func (pKPNFT *PKPNFT) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42966c68.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burn(uint256 tokenId) returns()
func (pKPNFT *PKPNFT) PackBurn(tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("burn", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42966c68.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burn(uint256 tokenId) returns()
func (pKPNFT *PKPNFT) TryPackBurn(tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("burn", tokenId)
}

// PackClaimAndMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ab3dbbe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimAndMint(uint256 keyType, bytes32 derivedKeyId, bytes pubkey, (bytes32,bytes32,uint8)[] signatures) payable returns(uint256)
func (pKPNFT *PKPNFT) PackClaimAndMint(keyType *big.Int, derivedKeyId [32]byte, pubkey []byte, signatures []Signature) []byte {
	enc, err := pKPNFT.abi.Pack("claimAndMint", keyType, derivedKeyId, pubkey, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimAndMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ab3dbbe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimAndMint(uint256 keyType, bytes32 derivedKeyId, bytes pubkey, (bytes32,bytes32,uint8)[] signatures) payable returns(uint256)
func (pKPNFT *PKPNFT) TryPackClaimAndMint(keyType *big.Int, derivedKeyId [32]byte, pubkey []byte, signatures []Signature) ([]byte, error) {
	return pKPNFT.abi.Pack("claimAndMint", keyType, derivedKeyId, pubkey, signatures)
}

// UnpackClaimAndMint is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0ab3dbbe.
//
// Solidity: function claimAndMint(uint256 keyType, bytes32 derivedKeyId, bytes pubkey, (bytes32,bytes32,uint8)[] signatures) payable returns(uint256)
func (pKPNFT *PKPNFT) UnpackClaimAndMint(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("claimAndMint", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackClaimAndMintFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3fa0eeb8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimAndMintFor(uint256 keyType, bytes32 derivedKeyId, bytes pubkey, (bytes32,bytes32,uint8)[] signatures, address recipient) payable returns(uint256)
func (pKPNFT *PKPNFT) PackClaimAndMintFor(keyType *big.Int, derivedKeyId [32]byte, pubkey []byte, signatures []Signature, recipient common.Address) []byte {
	enc, err := pKPNFT.abi.Pack("claimAndMintFor", keyType, derivedKeyId, pubkey, signatures, recipient)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimAndMintFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3fa0eeb8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimAndMintFor(uint256 keyType, bytes32 derivedKeyId, bytes pubkey, (bytes32,bytes32,uint8)[] signatures, address recipient) payable returns(uint256)
func (pKPNFT *PKPNFT) TryPackClaimAndMintFor(keyType *big.Int, derivedKeyId [32]byte, pubkey []byte, signatures []Signature, recipient common.Address) ([]byte, error) {
	return pKPNFT.abi.Pack("claimAndMintFor", keyType, derivedKeyId, pubkey, signatures, recipient)
}

// UnpackClaimAndMintFor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3fa0eeb8.
//
// Solidity: function claimAndMintFor(uint256 keyType, bytes32 derivedKeyId, bytes pubkey, (bytes32,bytes32,uint8)[] signatures, address recipient) payable returns(uint256)
func (pKPNFT *PKPNFT) UnpackClaimAndMintFor(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("claimAndMintFor", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackClaimKeyDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7c146309.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimKeyDigest(bytes32 keyId, bytes pubkey, address recipient) view returns(bytes32)
func (pKPNFT *PKPNFT) PackClaimKeyDigest(keyId [32]byte, pubkey []byte, recipient common.Address) []byte {
	enc, err := pKPNFT.abi.Pack("claimKeyDigest", keyId, pubkey, recipient)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimKeyDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7c146309.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimKeyDigest(bytes32 keyId, bytes pubkey, address recipient) view returns(bytes32)
func (pKPNFT *PKPNFT) TryPackClaimKeyDigest(keyId [32]byte, pubkey []byte, recipient common.Address) ([]byte, error) {
	return pKPNFT.abi.Pack("claimKeyDigest", keyId, pubkey, recipient)
}

// UnpackClaimKeyDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7c146309.
//
// Solidity: function claimKeyDigest(bytes32 keyId, bytes pubkey, address recipient) view returns(bytes32)
func (pKPNFT *PKPNFT) UnpackClaimKeyDigest(data []byte) ([32]byte, error) {
	out, err := pKPNFT.abi.Unpack("claimKeyDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackExists is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4f558e79.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function exists(uint256 tokenId) view returns(bool)
func (pKPNFT *PKPNFT) PackExists(tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("exists", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackExists is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4f558e79.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function exists(uint256 tokenId) view returns(bool)
func (pKPNFT *PKPNFT) TryPackExists(tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("exists", tokenId)
}

// UnpackExists is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4f558e79.
//
// Solidity: function exists(uint256 tokenId) view returns(bool)
func (pKPNFT *PKPNFT) UnpackExists(data []byte) (bool, error) {
	out, err := pKPNFT.abi.Unpack("exists", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) PackGetApproved(tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("getApproved", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetApproved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x081812fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) TryPackGetApproved(tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("getApproved", tokenId)
}

// UnpackGetApproved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x081812fc.
//
// Solidity: function getApproved(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) UnpackGetApproved(data []byte) (common.Address, error) {
	out, err := pKPNFT.abi.Unpack("getApproved", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetEthAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd4986a0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getEthAddress(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) PackGetEthAddress(tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("getEthAddress", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetEthAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd4986a0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getEthAddress(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) TryPackGetEthAddress(tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("getEthAddress", tokenId)
}

// UnpackGetEthAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbd4986a0.
//
// Solidity: function getEthAddress(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) UnpackGetEthAddress(data []byte) (common.Address, error) {
	out, err := pKPNFT.abi.Unpack("getEthAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetHelperAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc3638f13.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getHelperAddress() view returns(address)
func (pKPNFT *PKPNFT) PackGetHelperAddress() []byte {
	enc, err := pKPNFT.abi.Pack("getHelperAddress")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetHelperAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc3638f13.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getHelperAddress() view returns(address)
func (pKPNFT *PKPNFT) TryPackGetHelperAddress() ([]byte, error) {
	return pKPNFT.abi.Pack("getHelperAddress")
}

// UnpackGetHelperAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc3638f13.
//
// Solidity: function getHelperAddress() view returns(address)
func (pKPNFT *PKPNFT) UnpackGetHelperAddress(data []byte) (common.Address, error) {
	out, err := pKPNFT.abi.Unpack("getHelperAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetPkpPermissionsAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3276558c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPkpPermissionsAddress() view returns(address)
func (pKPNFT *PKPNFT) PackGetPkpPermissionsAddress() []byte {
	enc, err := pKPNFT.abi.Pack("getPkpPermissionsAddress")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPkpPermissionsAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3276558c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPkpPermissionsAddress() view returns(address)
func (pKPNFT *PKPNFT) TryPackGetPkpPermissionsAddress() ([]byte, error) {
	return pKPNFT.abi.Pack("getPkpPermissionsAddress")
}

// UnpackGetPkpPermissionsAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3276558c.
//
// Solidity: function getPkpPermissionsAddress() view returns(address)
func (pKPNFT *PKPNFT) UnpackGetPkpPermissionsAddress(data []byte) (common.Address, error) {
	out, err := pKPNFT.abi.Unpack("getPkpPermissionsAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetPubkey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef6fd878.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPubkey(uint256 tokenId) view returns(bytes)
func (pKPNFT *PKPNFT) PackGetPubkey(tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("getPubkey", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPubkey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef6fd878.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPubkey(uint256 tokenId) view returns(bytes)
func (pKPNFT *PKPNFT) TryPackGetPubkey(tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("getPubkey", tokenId)
}

// UnpackGetPubkey is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xef6fd878.
//
// Solidity: function getPubkey(uint256 tokenId) view returns(bytes)
func (pKPNFT *PKPNFT) UnpackGetPubkey(data []byte) ([]byte, error) {
	out, err := pKPNFT.abi.Unpack("getPubkey", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackGetRouterAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd54f7d5e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRouterAddress() view returns(address)
func (pKPNFT *PKPNFT) PackGetRouterAddress() []byte {
	enc, err := pKPNFT.abi.Pack("getRouterAddress")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRouterAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd54f7d5e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRouterAddress() view returns(address)
func (pKPNFT *PKPNFT) TryPackGetRouterAddress() ([]byte, error) {
	return pKPNFT.abi.Pack("getRouterAddress")
}

// UnpackGetRouterAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd54f7d5e.
//
// Solidity: function getRouterAddress() view returns(address)
func (pKPNFT *PKPNFT) UnpackGetRouterAddress(data []byte) (common.Address, error) {
	out, err := pKPNFT.abi.Unpack("getRouterAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetStakingAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e9ed68b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getStakingAddress() view returns(address)
func (pKPNFT *PKPNFT) PackGetStakingAddress() []byte {
	enc, err := pKPNFT.abi.Pack("getStakingAddress")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetStakingAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e9ed68b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getStakingAddress() view returns(address)
func (pKPNFT *PKPNFT) TryPackGetStakingAddress() ([]byte, error) {
	return pKPNFT.abi.Pack("getStakingAddress")
}

// UnpackGetStakingAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0e9ed68b.
//
// Solidity: function getStakingAddress() view returns(address)
func (pKPNFT *PKPNFT) UnpackGetStakingAddress(data []byte) (common.Address, error) {
	out, err := pKPNFT.abi.Unpack("getStakingAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (pKPNFT *PKPNFT) PackIsApprovedForAll(owner common.Address, operator common.Address) []byte {
	enc, err := pKPNFT.abi.Pack("isApprovedForAll", owner, operator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsApprovedForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe985e9c5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (pKPNFT *PKPNFT) TryPackIsApprovedForAll(owner common.Address, operator common.Address) ([]byte, error) {
	return pKPNFT.abi.Pack("isApprovedForAll", owner, operator)
}

// UnpackIsApprovedForAll is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe985e9c5.
//
// Solidity: function isApprovedForAll(address owner, address operator) view returns(bool)
func (pKPNFT *PKPNFT) UnpackIsApprovedForAll(data []byte) (bool, error) {
	out, err := pKPNFT.abi.Unpack("isApprovedForAll", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsKeyIdUsed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa099ccd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isKeyIdUsed(bytes32 keyId) view returns(bool)
func (pKPNFT *PKPNFT) PackIsKeyIdUsed(keyId [32]byte) []byte {
	enc, err := pKPNFT.abi.Pack("isKeyIdUsed", keyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsKeyIdUsed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa099ccd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isKeyIdUsed(bytes32 keyId) view returns(bool)
func (pKPNFT *PKPNFT) TryPackIsKeyIdUsed(keyId [32]byte) ([]byte, error) {
	return pKPNFT.abi.Pack("isKeyIdUsed", keyId)
}

// UnpackIsKeyIdUsed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfa099ccd.
//
// Solidity: function isKeyIdUsed(bytes32 keyId) view returns(bool)
func (pKPNFT *PKPNFT) UnpackIsKeyIdUsed(data []byte) (bool, error) {
	out, err := pKPNFT.abi.Unpack("isKeyIdUsed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackKeyPoolSize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x926c3b6a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function keyPoolSize() view returns(uint256)
func (pKPNFT *PKPNFT) PackKeyPoolSize() []byte {
	enc, err := pKPNFT.abi.Pack("keyPoolSize")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKeyPoolSize is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x926c3b6a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function keyPoolSize() view returns(uint256)
func (pKPNFT *PKPNFT) TryPackKeyPoolSize() ([]byte, error) {
	return pKPNFT.abi.Pack("keyPoolSize")
}

// UnpackKeyPoolSize is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x926c3b6a.
//
// Solidity: function keyPoolSize() view returns(uint256)
func (pKPNFT *PKPNFT) UnpackKeyPoolSize(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("keyPoolSize", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMintCost is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbdb4b848.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintCost() view returns(uint256)
func (pKPNFT *PKPNFT) PackMintCost() []byte {
	enc, err := pKPNFT.abi.Pack("mintCost")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintCost is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbdb4b848.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintCost() view returns(uint256)
func (pKPNFT *PKPNFT) TryPackMintCost() ([]byte, error) {
	return pKPNFT.abi.Pack("mintCost")
}

// UnpackMintCost is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbdb4b848.
//
// Solidity: function mintCost() view returns(uint256)
func (pKPNFT *PKPNFT) UnpackMintCost(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("mintCost", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMintGrantAndBurnNext is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66a306d7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintGrantAndBurnNext(uint256 keyType, bytes ipfsCID) payable returns(uint256)
func (pKPNFT *PKPNFT) PackMintGrantAndBurnNext(keyType *big.Int, ipfsCID []byte) []byte {
	enc, err := pKPNFT.abi.Pack("mintGrantAndBurnNext", keyType, ipfsCID)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintGrantAndBurnNext is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66a306d7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintGrantAndBurnNext(uint256 keyType, bytes ipfsCID) payable returns(uint256)
func (pKPNFT *PKPNFT) TryPackMintGrantAndBurnNext(keyType *big.Int, ipfsCID []byte) ([]byte, error) {
	return pKPNFT.abi.Pack("mintGrantAndBurnNext", keyType, ipfsCID)
}

// UnpackMintGrantAndBurnNext is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x66a306d7.
//
// Solidity: function mintGrantAndBurnNext(uint256 keyType, bytes ipfsCID) payable returns(uint256)
func (pKPNFT *PKPNFT) UnpackMintGrantAndBurnNext(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("mintGrantAndBurnNext", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMintNext is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5d228b16.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintNext(uint256 keyType) payable returns(uint256)
func (pKPNFT *PKPNFT) PackMintNext(keyType *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("mintNext", keyType)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintNext is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5d228b16.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintNext(uint256 keyType) payable returns(uint256)
func (pKPNFT *PKPNFT) TryPackMintNext(keyType *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("mintNext", keyType)
}

// UnpackMintNext is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5d228b16.
//
// Solidity: function mintNext(uint256 keyType) payable returns(uint256)
func (pKPNFT *PKPNFT) UnpackMintNext(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("mintNext", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (pKPNFT *PKPNFT) PackName() []byte {
	enc, err := pKPNFT.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (pKPNFT *PKPNFT) TryPackName() ([]byte, error) {
	return pKPNFT.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (pKPNFT *PKPNFT) UnpackName(data []byte) (string, error) {
	out, err := pKPNFT.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (pKPNFT *PKPNFT) PackOwner() []byte {
	enc, err := pKPNFT.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (pKPNFT *PKPNFT) TryPackOwner() ([]byte, error) {
	return pKPNFT.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (pKPNFT *PKPNFT) UnpackOwner(data []byte) (common.Address, error) {
	out, err := pKPNFT.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOwnerGeneration is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x846d9293.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ownerGeneration(uint256 tokenId) view returns(uint256)
func (pKPNFT *PKPNFT) PackOwnerGeneration(tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("ownerGeneration", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwnerGeneration is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x846d9293.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ownerGeneration(uint256 tokenId) view returns(uint256)
func (pKPNFT *PKPNFT) TryPackOwnerGeneration(tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("ownerGeneration", tokenId)
}

// UnpackOwnerGeneration is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x846d9293.
//
// Solidity: function ownerGeneration(uint256 tokenId) view returns(uint256)
func (pKPNFT *PKPNFT) UnpackOwnerGeneration(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("ownerGeneration", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) PackOwnerOf(tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("ownerOf", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwnerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6352211e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) TryPackOwnerOf(tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("ownerOf", tokenId)
}

// UnpackOwnerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6352211e.
//
// Solidity: function ownerOf(uint256 tokenId) view returns(address)
func (pKPNFT *PKPNFT) UnpackOwnerOf(data []byte) (common.Address, error) {
	out, err := pKPNFT.abi.Unpack("ownerOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPoolKeyDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb687137d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function poolKeyDigest(bytes32 keyId, bytes pubkey) view returns(bytes32)
func (pKPNFT *PKPNFT) PackPoolKeyDigest(keyId [32]byte, pubkey []byte) []byte {
	enc, err := pKPNFT.abi.Pack("poolKeyDigest", keyId, pubkey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPoolKeyDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb687137d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function poolKeyDigest(bytes32 keyId, bytes pubkey) view returns(bytes32)
func (pKPNFT *PKPNFT) TryPackPoolKeyDigest(keyId [32]byte, pubkey []byte) ([]byte, error) {
	return pKPNFT.abi.Pack("poolKeyDigest", keyId, pubkey)
}

// UnpackPoolKeyDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb687137d.
//
// Solidity: function poolKeyDigest(bytes32 keyId, bytes pubkey) view returns(bytes32)
func (pKPNFT *PKPNFT) UnpackPoolKeyDigest(data []byte) ([32]byte, error) {
	out, err := pKPNFT.abi.Unpack("poolKeyDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (pKPNFT *PKPNFT) PackRenounceOwnership() []byte {
	enc, err := pKPNFT.abi.Pack("renounceOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceOwnership() returns()
func (pKPNFT *PKPNFT) TryPackRenounceOwnership() ([]byte, error) {
	return pKPNFT.abi.Pack("renounceOwnership")
}

// PackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (pKPNFT *PKPNFT) PackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("safeTransferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42842e0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId) returns()
func (pKPNFT *PKPNFT) TryPackSafeTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("safeTransferFrom", from, to, tokenId)
}

// PackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (pKPNFT *PKPNFT) PackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) []byte {
	enc, err := pKPNFT.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSafeTransferFrom0 is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb88d4fde.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function safeTransferFrom(address from, address to, uint256 tokenId, bytes data) returns()
func (pKPNFT *PKPNFT) TryPackSafeTransferFrom0(from common.Address, to common.Address, tokenId *big.Int, data []byte) ([]byte, error) {
	return pKPNFT.abi.Pack("safeTransferFrom0", from, to, tokenId, data)
}

// PackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (pKPNFT *PKPNFT) PackSetApprovalForAll(operator common.Address, approved bool) []byte {
	enc, err := pKPNFT.abi.Pack("setApprovalForAll", operator, approved)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetApprovalForAll is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa22cb465.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setApprovalForAll(address operator, bool approved) returns()
func (pKPNFT *PKPNFT) TryPackSetApprovalForAll(operator common.Address, approved bool) ([]byte, error) {
	return pKPNFT.abi.Pack("setApprovalForAll", operator, approved)
}

// PackSetContracts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd8952a49.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setContracts(address router, address permissions) returns()
func (pKPNFT *PKPNFT) PackSetContracts(router common.Address, permissions common.Address) []byte {
	enc, err := pKPNFT.abi.Pack("setContracts", router, permissions)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetContracts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd8952a49.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setContracts(address router, address permissions) returns()
func (pKPNFT *PKPNFT) TryPackSetContracts(router common.Address, permissions common.Address) ([]byte, error) {
	return pKPNFT.abi.Pack("setContracts", router, permissions)
}

// PackSetHelper is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x986ccc7f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setHelper(address helper) returns()
func (pKPNFT *PKPNFT) PackSetHelper(helper common.Address) []byte {
	enc, err := pKPNFT.abi.Pack("setHelper", helper)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetHelper is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x986ccc7f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setHelper(address helper) returns()
func (pKPNFT *PKPNFT) TryPackSetHelper(helper common.Address) ([]byte, error) {
	return pKPNFT.abi.Pack("setHelper", helper)
}

// PackSetMintCost is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8545f4ea.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMintCost(uint256 newMintCost) returns()
func (pKPNFT *PKPNFT) PackSetMintCost(newMintCost *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("setMintCost", newMintCost)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetMintCost is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8545f4ea.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setMintCost(uint256 newMintCost) returns()
func (pKPNFT *PKPNFT) TryPackSetMintCost(newMintCost *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("setMintCost", newMintCost)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (pKPNFT *PKPNFT) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := pKPNFT.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (pKPNFT *PKPNFT) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return pKPNFT.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (pKPNFT *PKPNFT) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := pKPNFT.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (pKPNFT *PKPNFT) PackSymbol() []byte {
	enc, err := pKPNFT.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (pKPNFT *PKPNFT) TryPackSymbol() ([]byte, error) {
	return pKPNFT.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (pKPNFT *PKPNFT) UnpackSymbol(data []byte) (string, error) {
	out, err := pKPNFT.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTokenByIndex is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4f6ccce7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenByIndex(uint256 index) view returns(uint256)
func (pKPNFT *PKPNFT) PackTokenByIndex(index *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("tokenByIndex", index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenByIndex is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4f6ccce7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenByIndex(uint256 index) view returns(uint256)
func (pKPNFT *PKPNFT) TryPackTokenByIndex(index *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("tokenByIndex", index)
}

// UnpackTokenByIndex is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4f6ccce7.
//
// Solidity: function tokenByIndex(uint256 index) view returns(uint256)
func (pKPNFT *PKPNFT) UnpackTokenByIndex(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("tokenByIndex", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTokenOfOwnerByIndex is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f745c59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenOfOwnerByIndex(address owner, uint256 index) view returns(uint256)
func (pKPNFT *PKPNFT) PackTokenOfOwnerByIndex(owner common.Address, index *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("tokenOfOwnerByIndex", owner, index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenOfOwnerByIndex is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f745c59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenOfOwnerByIndex(address owner, uint256 index) view returns(uint256)
func (pKPNFT *PKPNFT) TryPackTokenOfOwnerByIndex(owner common.Address, index *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("tokenOfOwnerByIndex", owner, index)
}

// UnpackTokenOfOwnerByIndex is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2f745c59.
//
// Solidity: function tokenOfOwnerByIndex(address owner, uint256 index) view returns(uint256)
func (pKPNFT *PKPNFT) UnpackTokenOfOwnerByIndex(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("tokenOfOwnerByIndex", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (pKPNFT *PKPNFT) PackTokenURI(tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("tokenURI", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTokenURI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc87b56dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (pKPNFT *PKPNFT) TryPackTokenURI(tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("tokenURI", tokenId)
}

// UnpackTokenURI is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc87b56dd.
//
// Solidity: function tokenURI(uint256 tokenId) view returns(string)
func (pKPNFT *PKPNFT) UnpackTokenURI(data []byte) (string, error) {
	out, err := pKPNFT.abi.Unpack("tokenURI", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (pKPNFT *PKPNFT) PackTotalSupply() []byte {
	enc, err := pKPNFT.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (pKPNFT *PKPNFT) TryPackTotalSupply() ([]byte, error) {
	return pKPNFT.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (pKPNFT *PKPNFT) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := pKPNFT.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (pKPNFT *PKPNFT) PackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) []byte {
	enc, err := pKPNFT.abi.Pack("transferFrom", from, to, tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 tokenId) returns()
func (pKPNFT *PKPNFT) TryPackTransferFrom(from common.Address, to common.Address, tokenId *big.Int) ([]byte, error) {
	return pKPNFT.abi.Pack("transferFrom", from, to, tokenId)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (pKPNFT *PKPNFT) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := pKPNFT.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (pKPNFT *PKPNFT) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return pKPNFT.abi.Pack("transferOwnership", newOwner)
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw() returns()
func (pKPNFT *PKPNFT) PackWithdraw() []byte {
	enc, err := pKPNFT.abi.Pack("withdraw")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw() returns()
func (pKPNFT *PKPNFT) TryPackWithdraw() ([]byte, error) {
	return pKPNFT.abi.Pack("withdraw")
}

// PKPNFTApproval represents a Approval event raised by the PKPNFT contract.
type PKPNFTApproval struct {
	Owner    common.Address
	Approved common.Address
	TokenId  *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const PKPNFTApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (PKPNFTApproval) ContractEventName() string {
	return PKPNFTApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)
func (pKPNFT *PKPNFT) UnpackApprovalEvent(log *types.Log) (*PKPNFTApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTApproval)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPNFTApprovalForAll represents a ApprovalForAll event raised by the PKPNFT contract.
type PKPNFTApprovalForAll struct {
	Owner    common.Address
	Operator common.Address
	Approved bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const PKPNFTApprovalForAllEventName = "ApprovalForAll"

// ContractEventName returns the user-defined event name.
func (PKPNFTApprovalForAll) ContractEventName() string {
	return PKPNFTApprovalForAllEventName
}

// UnpackApprovalForAllEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ApprovalForAll(address indexed owner, address indexed operator, bool approved)
func (pKPNFT *PKPNFT) UnpackApprovalForAllEvent(log *types.Log) (*PKPNFTApprovalForAll, error) {
	event := "ApprovalForAll"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTApprovalForAll)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPNFTKeyPooled represents a KeyPooled event raised by the PKPNFT contract.
type PKPNFTKeyPooled struct {
	KeyId   [32]byte
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const PKPNFTKeyPooledEventName = "KeyPooled"

// ContractEventName returns the user-defined event name.
func (PKPNFTKeyPooled) ContractEventName() string {
	return PKPNFTKeyPooledEventName
}

// UnpackKeyPooledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event KeyPooled(bytes32 indexed keyId, uint256 indexed tokenId)
func (pKPNFT *PKPNFT) UnpackKeyPooledEvent(log *types.Log) (*PKPNFTKeyPooled, error) {
	event := "KeyPooled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTKeyPooled)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPNFTMintCostSet represents a MintCostSet event raised by the PKPNFT contract.
type PKPNFTMintCostSet struct {
	NewMintCost *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const PKPNFTMintCostSetEventName = "MintCostSet"

// ContractEventName returns the user-defined event name.
func (PKPNFTMintCostSet) ContractEventName() string {
	return PKPNFTMintCostSetEventName
}

// UnpackMintCostSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MintCostSet(uint256 newMintCost)
func (pKPNFT *PKPNFT) UnpackMintCostSetEvent(log *types.Log) (*PKPNFTMintCostSet, error) {
	event := "MintCostSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTMintCostSet)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPNFTOwnerGenerationBumped represents a OwnerGenerationBumped event raised by the PKPNFT contract.
type PKPNFTOwnerGenerationBumped struct {
	TokenId    *big.Int
	Generation *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const PKPNFTOwnerGenerationBumpedEventName = "OwnerGenerationBumped"

// ContractEventName returns the user-defined event name.
func (PKPNFTOwnerGenerationBumped) ContractEventName() string {
	return PKPNFTOwnerGenerationBumpedEventName
}

// UnpackOwnerGenerationBumpedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnerGenerationBumped(uint256 indexed tokenId, uint256 generation)
func (pKPNFT *PKPNFT) UnpackOwnerGenerationBumpedEvent(log *types.Log) (*PKPNFTOwnerGenerationBumped, error) {
	event := "OwnerGenerationBumped"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTOwnerGenerationBumped)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPNFTOwnershipTransferred represents a OwnershipTransferred event raised by the PKPNFT contract.
type PKPNFTOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const PKPNFTOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (PKPNFTOwnershipTransferred) ContractEventName() string {
	return PKPNFTOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (pKPNFT *PKPNFT) UnpackOwnershipTransferredEvent(log *types.Log) (*PKPNFTOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPNFTPKPMinted represents a PKPMinted event raised by the PKPNFT contract.
type PKPNFTPKPMinted struct {
	TokenId *big.Int
	Pubkey  []byte
	Raw     *types.Log // Blockchain specific contextual infos
}

const PKPNFTPKPMintedEventName = "PKPMinted"

// ContractEventName returns the user-defined event name.
func (PKPNFTPKPMinted) ContractEventName() string {
	return PKPNFTPKPMintedEventName
}

// UnpackPKPMintedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PKPMinted(uint256 indexed tokenId, bytes pubkey)
func (pKPNFT *PKPNFT) UnpackPKPMintedEvent(log *types.Log) (*PKPNFTPKPMinted, error) {
	event := "PKPMinted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTPKPMinted)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPNFTTransfer represents a Transfer event raised by the PKPNFT contract.
type PKPNFTTransfer struct {
	From    common.Address
	To      common.Address
	TokenId *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const PKPNFTTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (PKPNFTTransfer) ContractEventName() string {
	return PKPNFTTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)
func (pKPNFT *PKPNFT) UnpackTransferEvent(log *types.Log) (*PKPNFTTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTTransfer)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPNFTWithdrew represents a Withdrew event raised by the PKPNFT contract.
type PKPNFTWithdrew struct {
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const PKPNFTWithdrewEventName = "Withdrew"

// ContractEventName returns the user-defined event name.
func (PKPNFTWithdrew) ContractEventName() string {
	return PKPNFTWithdrewEventName
}

// UnpackWithdrewEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrew(uint256 amount)
func (pKPNFT *PKPNFT) UnpackWithdrewEvent(log *types.Log) (*PKPNFTWithdrew, error) {
	event := "Withdrew"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPNFT.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPNFTWithdrew)
	if len(log.Data) > 0 {
		if err := pKPNFT.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPNFT.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (pKPNFT *PKPNFT) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["AlreadyInitialized"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackAlreadyInitializedError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721EnumerableForbiddenBatchMint"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721EnumerableForbiddenBatchMintError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721IncorrectOwner"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721IncorrectOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721InsufficientApproval"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721InsufficientApprovalError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721InvalidApprover"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721InvalidOperator"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721InvalidOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721InvalidOwner"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721InvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721InvalidReceiver"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721InvalidSender"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721NonexistentToken"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721NonexistentTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ERC721OutOfBoundsIndex"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackERC721OutOfBoundsIndexError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["InvalidKeyId"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackInvalidKeyIdError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["InvalidPubkey"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackInvalidPubkeyError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["KeyAlreadyRegistered"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackKeyAlreadyRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["KeyIdUsed"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackKeyIdUsedError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["KeyPoolEmpty"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackKeyPoolEmptyError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["NotHelper"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackNotHelperError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["NotInitialized"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackNotInitializedError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["UnsupportedKeyType"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackUnsupportedKeyTypeError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["WithdrawFailed"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackWithdrawFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["WrongMintCost"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackWrongMintCostError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPNFT.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return pKPNFT.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// PKPNFTAlreadyInitialized represents a AlreadyInitialized error raised by the PKPNFT contract.
type PKPNFTAlreadyInitialized struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyInitialized()
func PKPNFTAlreadyInitializedErrorID() common.Hash {
	return common.HexToHash("0x0dc149f07762891dbcea3fe72770f3d63a1863fc54b2f084e8c59ec476996927")
}

// UnpackAlreadyInitializedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyInitialized()
func (pKPNFT *PKPNFT) UnpackAlreadyInitializedError(raw []byte) (*PKPNFTAlreadyInitialized, error) {
	out := new(PKPNFTAlreadyInitialized)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "AlreadyInitialized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721EnumerableForbiddenBatchMint represents a ERC721EnumerableForbiddenBatchMint error raised by the PKPNFT contract.
type PKPNFTERC721EnumerableForbiddenBatchMint struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721EnumerableForbiddenBatchMint()
func PKPNFTERC721EnumerableForbiddenBatchMintErrorID() common.Hash {
	return common.HexToHash("0x59171fc140fcc403c6e5785fa53a46bfd95b95ccab17163db749de3e197203f4")
}

// UnpackERC721EnumerableForbiddenBatchMintError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721EnumerableForbiddenBatchMint()
func (pKPNFT *PKPNFT) UnpackERC721EnumerableForbiddenBatchMintError(raw []byte) (*PKPNFTERC721EnumerableForbiddenBatchMint, error) {
	out := new(PKPNFTERC721EnumerableForbiddenBatchMint)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721EnumerableForbiddenBatchMint", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721IncorrectOwner represents a ERC721IncorrectOwner error raised by the PKPNFT contract.
type PKPNFTERC721IncorrectOwner struct {
	Sender  common.Address
	TokenId *big.Int
	Owner   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func PKPNFTERC721IncorrectOwnerErrorID() common.Hash {
	return common.HexToHash("0x64283d7b313c8117c125f736876fa2b4e90ea3831a4716dfdb87d2f540e26289")
}

// UnpackERC721IncorrectOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)
func (pKPNFT *PKPNFT) UnpackERC721IncorrectOwnerError(raw []byte) (*PKPNFTERC721IncorrectOwner, error) {
	out := new(PKPNFTERC721IncorrectOwner)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721IncorrectOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721InsufficientApproval represents a ERC721InsufficientApproval error raised by the PKPNFT contract.
type PKPNFTERC721InsufficientApproval struct {
	Operator common.Address
	TokenId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func PKPNFTERC721InsufficientApprovalErrorID() common.Hash {
	return common.HexToHash("0x177e802f6f313bc89797ecace66d6d29ab4719cbaaacbb87367264048b1eb861")
}

// UnpackERC721InsufficientApprovalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InsufficientApproval(address operator, uint256 tokenId)
func (pKPNFT *PKPNFT) UnpackERC721InsufficientApprovalError(raw []byte) (*PKPNFTERC721InsufficientApproval, error) {
	out := new(PKPNFTERC721InsufficientApproval)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721InsufficientApproval", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721InvalidApprover represents a ERC721InvalidApprover error raised by the PKPNFT contract.
type PKPNFTERC721InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidApprover(address approver)
func PKPNFTERC721InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xa9fbf51f86b8e03595d59dc726bb10c329bb24f62589be276d8dd193ca0b69ea")
}

// UnpackERC721InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidApprover(address approver)
func (pKPNFT *PKPNFT) UnpackERC721InvalidApproverError(raw []byte) (*PKPNFTERC721InvalidApprover, error) {
	out := new(PKPNFTERC721InvalidApprover)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721InvalidOperator represents a ERC721InvalidOperator error raised by the PKPNFT contract.
type PKPNFTERC721InvalidOperator struct {
	Operator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOperator(address operator)
func PKPNFTERC721InvalidOperatorErrorID() common.Hash {
	return common.HexToHash("0x5b08ba185e8f577075361f3a3555a6580a227ce22734dcc979c1aeadf894658b")
}

// UnpackERC721InvalidOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOperator(address operator)
func (pKPNFT *PKPNFT) UnpackERC721InvalidOperatorError(raw []byte) (*PKPNFTERC721InvalidOperator, error) {
	out := new(PKPNFTERC721InvalidOperator)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721InvalidOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721InvalidOwner represents a ERC721InvalidOwner error raised by the PKPNFT contract.
type PKPNFTERC721InvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidOwner(address owner)
func PKPNFTERC721InvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x89c62b6479af2e623826dcc39c5133061d35b66d72de92833401dd2fd6567480")
}

// UnpackERC721InvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidOwner(address owner)
func (pKPNFT *PKPNFT) UnpackERC721InvalidOwnerError(raw []byte) (*PKPNFTERC721InvalidOwner, error) {
	out := new(PKPNFTERC721InvalidOwner)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721InvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721InvalidReceiver represents a ERC721InvalidReceiver error raised by the PKPNFT contract.
type PKPNFTERC721InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func PKPNFTERC721InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0x64a0ae9278f805eaf991dcd18ca78756d280b7508b764ef1b255c55845c11df9")
}

// UnpackERC721InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidReceiver(address receiver)
func (pKPNFT *PKPNFT) UnpackERC721InvalidReceiverError(raw []byte) (*PKPNFTERC721InvalidReceiver, error) {
	out := new(PKPNFTERC721InvalidReceiver)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721InvalidSender represents a ERC721InvalidSender error raised by the PKPNFT contract.
type PKPNFTERC721InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721InvalidSender(address sender)
func PKPNFTERC721InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x73c6ac6e10798e95d99e1f130d923eb40193ecb8d094ec3dce93292564eb3b17")
}

// UnpackERC721InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721InvalidSender(address sender)
func (pKPNFT *PKPNFT) UnpackERC721InvalidSenderError(raw []byte) (*PKPNFTERC721InvalidSender, error) {
	out := new(PKPNFTERC721InvalidSender)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721NonexistentToken represents a ERC721NonexistentToken error raised by the PKPNFT contract.
type PKPNFTERC721NonexistentToken struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func PKPNFTERC721NonexistentTokenErrorID() common.Hash {
	return common.HexToHash("0x7e273289a3a9ef6670f06df7dca227856fc925e956db96980692764a8bc734d7")
}

// UnpackERC721NonexistentTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721NonexistentToken(uint256 tokenId)
func (pKPNFT *PKPNFT) UnpackERC721NonexistentTokenError(raw []byte) (*PKPNFTERC721NonexistentToken, error) {
	out := new(PKPNFTERC721NonexistentToken)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721NonexistentToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTERC721OutOfBoundsIndex represents a ERC721OutOfBoundsIndex error raised by the PKPNFT contract.
type PKPNFTERC721OutOfBoundsIndex struct {
	Owner common.Address
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC721OutOfBoundsIndex(address owner, uint256 index)
func PKPNFTERC721OutOfBoundsIndexErrorID() common.Hash {
	return common.HexToHash("0xa57d13dc78ab2b1f1191d9429a298559c44d02b5951a92c2376aa50074cc4509")
}

// UnpackERC721OutOfBoundsIndexError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC721OutOfBoundsIndex(address owner, uint256 index)
func (pKPNFT *PKPNFT) UnpackERC721OutOfBoundsIndexError(raw []byte) (*PKPNFTERC721OutOfBoundsIndex, error) {
	out := new(PKPNFTERC721OutOfBoundsIndex)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ERC721OutOfBoundsIndex", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTInvalidKeyId represents a InvalidKeyId error raised by the PKPNFT contract.
type PKPNFTInvalidKeyId struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidKeyId()
func PKPNFTInvalidKeyIdErrorID() common.Hash {
	return common.HexToHash("0xb0aeb53e4a83bd3cc8ab2c55982004930d12942a439bdf74bdc4a5d0805f9e0c")
}

// UnpackInvalidKeyIdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidKeyId()
func (pKPNFT *PKPNFT) UnpackInvalidKeyIdError(raw []byte) (*PKPNFTInvalidKeyId, error) {
	out := new(PKPNFTInvalidKeyId)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "InvalidKeyId", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTInvalidPubkey represents a InvalidPubkey error raised by the PKPNFT contract.
type PKPNFTInvalidPubkey struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidPubkey()
func PKPNFTInvalidPubkeyErrorID() common.Hash {
	return common.HexToHash("0x422cc3b728e9d2e85fcf8eb860f666fb30de4eaf9347126d1efaea29e5e968c1")
}

// UnpackInvalidPubkeyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidPubkey()
func (pKPNFT *PKPNFT) UnpackInvalidPubkeyError(raw []byte) (*PKPNFTInvalidPubkey, error) {
	out := new(PKPNFTInvalidPubkey)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "InvalidPubkey", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTKeyAlreadyRegistered represents a KeyAlreadyRegistered error raised by the PKPNFT contract.
type PKPNFTKeyAlreadyRegistered struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KeyAlreadyRegistered(uint256 tokenId)
func PKPNFTKeyAlreadyRegisteredErrorID() common.Hash {
	return common.HexToHash("0xfe610530391acf20ea12df7eb461b90edc1aeb142e0ee98d03903e17eb7b3c32")
}

// UnpackKeyAlreadyRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KeyAlreadyRegistered(uint256 tokenId)
func (pKPNFT *PKPNFT) UnpackKeyAlreadyRegisteredError(raw []byte) (*PKPNFTKeyAlreadyRegistered, error) {
	out := new(PKPNFTKeyAlreadyRegistered)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "KeyAlreadyRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTKeyIdUsed represents a KeyIdUsed error raised by the PKPNFT contract.
type PKPNFTKeyIdUsed struct {
	KeyId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KeyIdUsed(bytes32 keyId)
func PKPNFTKeyIdUsedErrorID() common.Hash {
	return common.HexToHash("0x313bb0de027191ddc6bb3a56e79668c5793ccb024e694ac252d9932ad6d5c1d7")
}

// UnpackKeyIdUsedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KeyIdUsed(bytes32 keyId)
func (pKPNFT *PKPNFT) UnpackKeyIdUsedError(raw []byte) (*PKPNFTKeyIdUsed, error) {
	out := new(PKPNFTKeyIdUsed)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "KeyIdUsed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTKeyPoolEmpty represents a KeyPoolEmpty error raised by the PKPNFT contract.
type PKPNFTKeyPoolEmpty struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KeyPoolEmpty()
func PKPNFTKeyPoolEmptyErrorID() common.Hash {
	return common.HexToHash("0x00cf835dc9acb303311eac7941896a5299ad5ba0f3a2e766bdcb7cae0fef77bf")
}

// UnpackKeyPoolEmptyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KeyPoolEmpty()
func (pKPNFT *PKPNFT) UnpackKeyPoolEmptyError(raw []byte) (*PKPNFTKeyPoolEmpty, error) {
	out := new(PKPNFTKeyPoolEmpty)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "KeyPoolEmpty", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTNotHelper represents a NotHelper error raised by the PKPNFT contract.
type PKPNFTNotHelper struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotHelper(address caller)
func PKPNFTNotHelperErrorID() common.Hash {
	return common.HexToHash("0x2e80075c5a5a545b9bd6a641a2b6757c318e0f81e33c48dcb894c6157c3c065e")
}

// UnpackNotHelperError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotHelper(address caller)
func (pKPNFT *PKPNFT) UnpackNotHelperError(raw []byte) (*PKPNFTNotHelper, error) {
	out := new(PKPNFTNotHelper)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "NotHelper", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTNotInitialized represents a NotInitialized error raised by the PKPNFT contract.
type PKPNFTNotInitialized struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotInitialized()
func PKPNFTNotInitializedErrorID() common.Hash {
	return common.HexToHash("0x87138d5c8c2e77cb9f25c07b03277aad63d22f6a05255580ec55d2c21666e734")
}

// UnpackNotInitializedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotInitialized()
func (pKPNFT *PKPNFT) UnpackNotInitializedError(raw []byte) (*PKPNFTNotInitialized, error) {
	out := new(PKPNFTNotInitialized)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "NotInitialized", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the PKPNFT contract.
type PKPNFTOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func PKPNFTOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (pKPNFT *PKPNFT) UnpackOwnableInvalidOwnerError(raw []byte) (*PKPNFTOwnableInvalidOwner, error) {
	out := new(PKPNFTOwnableInvalidOwner)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the PKPNFT contract.
type PKPNFTOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func PKPNFTOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (pKPNFT *PKPNFT) UnpackOwnableUnauthorizedAccountError(raw []byte) (*PKPNFTOwnableUnauthorizedAccount, error) {
	out := new(PKPNFTOwnableUnauthorizedAccount)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTUnsupportedKeyType represents a UnsupportedKeyType error raised by the PKPNFT contract.
type PKPNFTUnsupportedKeyType struct {
	KeyType *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnsupportedKeyType(uint256 keyType)
func PKPNFTUnsupportedKeyTypeErrorID() common.Hash {
	return common.HexToHash("0x7958fad6b5202b3b406bd3095cc02b31a2f646987d5879c4e215307a1af7bb70")
}

// UnpackUnsupportedKeyTypeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnsupportedKeyType(uint256 keyType)
func (pKPNFT *PKPNFT) UnpackUnsupportedKeyTypeError(raw []byte) (*PKPNFTUnsupportedKeyType, error) {
	out := new(PKPNFTUnsupportedKeyType)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "UnsupportedKeyType", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTWithdrawFailed represents a WithdrawFailed error raised by the PKPNFT contract.
type PKPNFTWithdrawFailed struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WithdrawFailed()
func PKPNFTWithdrawFailedErrorID() common.Hash {
	return common.HexToHash("0x750b219cf41756317cec42a05eeadd7c26774653485899be023c221c437fe020")
}

// UnpackWithdrawFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WithdrawFailed()
func (pKPNFT *PKPNFT) UnpackWithdrawFailedError(raw []byte) (*PKPNFTWithdrawFailed, error) {
	out := new(PKPNFTWithdrawFailed)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "WithdrawFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTWrongMintCost represents a WrongMintCost error raised by the PKPNFT contract.
type PKPNFTWrongMintCost struct {
	Sent *big.Int
	Cost *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongMintCost(uint256 sent, uint256 cost)
func PKPNFTWrongMintCostErrorID() common.Hash {
	return common.HexToHash("0x6e103e0de1735f54dbe53623e03893e245107574445cd5f962d73e69810724c6")
}

// UnpackWrongMintCostError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongMintCost(uint256 sent, uint256 cost)
func (pKPNFT *PKPNFT) UnpackWrongMintCostError(raw []byte) (*PKPNFTWrongMintCost, error) {
	out := new(PKPNFTWrongMintCost)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "WrongMintCost", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPNFTZeroAddress represents a ZeroAddress error raised by the PKPNFT contract.
type PKPNFTZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func PKPNFTZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (pKPNFT *PKPNFT) UnpackZeroAddressError(raw []byte) (*PKPNFTZeroAddress, error) {
	out := new(PKPNFTZeroAddress)
	if err := pKPNFT.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPPermissionsMetaData contains all meta data concerning the PKPPermissions contract.
var PKPPermissionsMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"pkpNft\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"router\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"}],\"name\":\"AuthMethodNotPermitted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"}],\"name\":\"InvalidAuthMethod\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidCID\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"scope\",\"type\":\"uint256\"}],\"name\":\"InvalidScope\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPKPOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"UnknownToken\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"userPubkey\",\"type\":\"bytes\"}],\"name\":\"PermittedAuthMethodAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"}],\"name\":\"PermittedAuthMethodRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"scopeId\",\"type\":\"uint256\"}],\"name\":\"PermittedAuthMethodScopeAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"scopeId\",\"type\":\"uint256\"}],\"name\":\"PermittedAuthMethodScopeRemoved\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"AUTH_METHOD_TYPE_ACTION\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"AUTH_METHOD_TYPE_ADDRESS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_SCOPE\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_SCOPE_QUERY\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"ipfsCID\",\"type\":\"bytes\"},{\"internalType\":\"uint256[]\",\"name\":\"scopes\",\"type\":\"uint256[]\"}],\"name\":\"addPermittedAction\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"scopes\",\"type\":\"uint256[]\"}],\"name\":\"addPermittedAddress\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"userPubkey\",\"type\":\"bytes\"}],\"internalType\":\"structPKPPermissions.AuthMethod\",\"name\":\"authMethod\",\"type\":\"tuple\"},{\"internalType\":\"uint256[]\",\"name\":\"scopes\",\"type\":\"uint256[]\"}],\"name\":\"addPermittedAuthMethod\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"scopeId\",\"type\":\"uint256\"}],\"name\":\"addPermittedAuthMethodScope\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"}],\"name\":\"getAuthMethodId\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getPermittedActions\",\"outputs\":[{\"internalType\":\"bytes[]\",\"name\":\"\",\"type\":\"bytes[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getPermittedAddresses\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"out\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"maxScopeId\",\"type\":\"uint256\"}],\"name\":\"getPermittedAuthMethodScopes\",\"outputs\":[{\"internalType\":\"bool[]\",\"name\":\"out\",\"type\":\"bool[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getPermittedAuthMethods\",\"outputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"userPubkey\",\"type\":\"bytes\"}],\"internalType\":\"structPKPPermissions.AuthMethod[]\",\"name\":\"out\",\"type\":\"tuple[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"}],\"name\":\"getTokenIdsForAuthMethod\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"}],\"name\":\"getUserPubkeyForAuthMethod\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"ipfsCID\",\"type\":\"bytes\"}],\"name\":\"isPermittedAction\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"isPermittedAddress\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"}],\"name\":\"isPermittedAuthMethod\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"scopeId\",\"type\":\"uint256\"}],\"name\":\"isPermittedAuthMethodScopePresent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"ipfsCID\",\"type\":\"bytes\"}],\"name\":\"removePermittedAction\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"removePermittedAddress\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"}],\"name\":\"removePermittedAuthMethod\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"authMethodType\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"id\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"scopeId\",\"type\":\"uint256\"}],\"name\":\"removePermittedAuthMethodScope\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "ea825b84c0398f0c04422384019d659dd4",
	Bin: "0x60c060405234801561000f575f5ffd5b506040516133f73803806133f783398101604081905261002e9161009b565b6001600160a01b038216158061004b57506001600160a01b038116155b156100695760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b039182166080521660a0526100cc565b80516001600160a01b0381168114610096575f5ffd5b919050565b5f5f604083850312156100ac575f5ffd5b6100b583610080565b91506100c360208401610080565b90509250929050565b60805160a05161324d6101aa5f395f81816106b701528181610a6301528181610c4101528181610e88015281816110bf015281816112b6015281816118a10152611aa401525f8181610356015281816103da0152818161062c0152818161078b015281816109d801528181610aba01528181610bb601528181610c9801528181610dfd01528181610edf01528181611034015281816111160152818161122b0152818161130d015281816115f0015281816116d801528181611816015281816118f801528181611a1901528181611afb0152611e81015261324d5ff3fe608060405234801561000f575f5ffd5b5060043610610145575f3560e01c80638a431578116100bf578063b997606f11610079578063b997606f146102c5578063bb7a1070146102d8578063d41a3272146102f8578063e37f675e146101d0578063f34f21ba1461030b578063fceb39831461032b575f5ffd5b80638a431578146102445780639dd4349b14610257578063a1afdc6f1461026a578063a1c805fa1461028a578063a54d6e921461029d578063abc541ae146102a5575f5ffd5b806328fba0f01161011057806328fba0f0146101d05780635521c452146101d8578063557b5eba146101f857806366fc65411461020b5780636821c8e21461021e5780638255956114610231575f5ffd5b80618b4f14610149578062221c08146101715780630a60950d1461019157806315342b55146101b25780631663c121146101bb575b5f5ffd5b61015c6101573660046128e7565b61033e565b60405190151581526020015b60405180910390f35b61018461017f366004612959565b6104bd565b60405161016891906129ae565b6101a461019f366004612a8f565b6105e1565b604051908152602001610168565b6101a461010081565b6101ce6101c9366004612b12565b610614565b005b6101a4600281565b6101eb6101e6366004612b69565b610894565b6040516101689190612bb0565b61015c610206366004612be7565b61099f565b6101ce610219366004612c32565b6109c0565b6101ce61022c366004612959565b610b9e565b6101ce61023f366004612959565b610de5565b6101ce610252366004612c74565b61101c565b6101ce610265366004612ceb565b611213565b61027d610278366004612b69565b61144e565b6040516101689190612d59565b61015c610298366004612959565b611532565b6101a4600181565b6102b86102b3366004612d6b565b6115bf565b6040516101689190612d82565b6101ce6102d33660046128e7565b6117fe565b6102eb6102e6366004612d6b565b6119f4565b6040516101689190612dc2565b6101ce610306366004612b69565b611a01565b61031e610319366004612d6b565b611be5565b6040516101689190612e25565b61015c610339366004612b69565b611e1d565b604051634f558e7960e01b8152600481018390525f907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa1580156103a3573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906103c79190612ead565b80156104705750816001600160a01b03167f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316636352211e856040518263ffffffff1660e01b815260040161042691815260200190565b602060405180830381865afa158015610441573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906104659190612ecc565b6001600160a01b0316145b1561047d575060016104b7565b6040516001600160601b0319606084901b1660208201526104b490849060019060340160405160208183030381529060405261099f565b90505b92915050565b60606101008211156104ea5760405163a06356f560e01b8152600481018390526024015b60405180910390fd5b5f60015f6104f789611e5f565b81526020019081526020015f205f6105448888888080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152506105e192505050565b81526020019081526020015f20549050826001600160401b0381111561056c5761056c6129f2565b604051908082528060200260200182016040528015610595578160200160208202803683370190505b5091505f5b838110156105d657806001901b82165f14158382815181106105be576105be612ee7565b9115156020928302919091019091015260010161059a565b505095945050505050565b5f82826040516020016105f5929190612efb565b60408051601f1981840301815291905280516020909101209392505050565b604051634f558e7960e01b81526004810185905284907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa158015610679573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061069d9190612ead565b61076b576040516301c6d03560e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906301c6d035906024015b602060405180830381865afa158015610705573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906107299190612ead565b610749576040516303b673fd60e21b8152600481018290526024016104e1565b604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b6040516331a9108f60e11b81526004810182905233906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690636352211e90602401602060405180830381865afa1580156107d0573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906107f49190612ecc565b6001600160a01b03161461082457604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b6001600160a01b03841661084b5760405163d92e233d60e01b815260040160405180910390fd5b6040516001600160601b0319606086901b16602082015261088d90869060019060340160408051601f19818403018152602083019091525f8252908787611f1a565b5050505050565b60605f6108d68585858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152506105e192505050565b5f818152600460205260408120919250906108f0906121a6565b90505f805b825181101561099357610941845f5f61092687868151811061091957610919612ee7565b6020026020010151611e5f565b81526020019081526020015f206121b990919063ffffffff16565b1561098b5782818151811061095857610958612ee7565b602002602001015183838061096c90612f27565b94508151811061097e5761097e612ee7565b6020026020010181815250505b6001016108f5565b50815295945050505050565b5f6109b86109ad84846105e1565b5f5f61092688611e5f565b949350505050565b604051634f558e7960e01b81526004810185905284907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa158015610a25573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610a499190612ead565b610a9a576040516301c6d03560e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906301c6d035906024016106ea565b6040516331a9108f60e11b81526004810182905233906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690636352211e90602401602060405180830381865afa158015610aff573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610b239190612ecc565b6001600160a01b031614610b5357604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b610b5e8484846121d0565b61088d858585858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152506122a292505050565b604051634f558e7960e01b81526004810186905285907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa158015610c03573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610c279190612ead565b610c78576040516301c6d03560e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906301c6d035906024016106ea565b6040516331a9108f60e11b81526004810182905233906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690636352211e90602401602060405180830381865afa158015610cdd573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610d019190612ecc565b6001600160a01b031614610d3157604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b5f610d3e87878787612389565b90506002831115610d655760405163a06356f560e01b8152600481018490526024016104e1565b826001901b60015f610d768a611e5f565b81526020019081526020015f205f8381526020019081526020015f205f8282541792505081905550867f29eb060f266aff306ec81b612728a417406dd6298f8f7576a37b4e6830dcc60e87878787604051610dd49493929190612f3f565b60405180910390a250505050505050565b604051634f558e7960e01b81526004810186905285907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa158015610e4a573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610e6e9190612ead565b610ebf576040516301c6d03560e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906301c6d035906024016106ea565b6040516331a9108f60e11b81526004810182905233906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690636352211e90602401602060405180830381865afa158015610f24573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610f489190612ecc565b6001600160a01b031614610f7857604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b5f610f8587878787612389565b90506002831115610fac5760405163a06356f560e01b8152600481018490526024016104e1565b826001901b1960015f610fbe8a611e5f565b81526020019081526020015f205f8381526020019081526020015f205f8282541692505081905550867f49bb3a0761ed218e1db1e9c41096ed35188868994cc37a32e1f25855745b424e87878787604051610dd49493929190612f3f565b604051634f558e7960e01b81526004810186905285907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa158015611081573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906110a59190612ead565b6110f6576040516301c6d03560e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906301c6d035906024016106ea565b6040516331a9108f60e11b81526004810182905233906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690636352211e90602401602060405180830381865afa15801561115b573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061117f9190612ecc565b6001600160a01b0316146111af57604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b6111b9858561240c565b61120b86600287878080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92018290525060408051602081019091529081529250899150889050611f1a565b505050505050565b604051634f558e7960e01b81526004810185905284907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa158015611278573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061129c9190612ead565b6112ed576040516301c6d03560e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906301c6d035906024016106ea565b6040516331a9108f60e11b81526004810182905233906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690636352211e90602401602060405180830381865afa158015611352573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906113769190612ecc565b6001600160a01b0316146113a657604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b6113bd84356113b86020870187612f7d565b6121d0565b61088d8585356113d06020880188612f7d565b8080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92019190915250611411925050506040890189612f7d565b8080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152508a9250899150611f1a9050565b606060035f6114928686868080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152506105e192505050565b81526020019081526020015f2060020180546114ad90612fbf565b80601f01602080910402602001604051908101604052809291908181526020018280546114d990612fbf565b80156115245780601f106114fb57610100808354040283529160200191611524565b820191905f5260205f20905b81548152906001019060200180831161150757829003601f168201915b505050505090509392505050565b5f60ff82111561154357505f6115b6565b816001901b60015f61155489611e5f565b81526020019081526020015f205f6115a18888888080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152506105e192505050565b81526020019081526020015f2054165f141590505b95945050505050565b60605f6115cd83600161249c565b604051634f558e7960e01b8152600481018590529091505f906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690634f558e7990602401602060405180830381865afa158015611635573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906116599190612ead565b905080611666575f611669565b60015b60ff1682516116789190612ff7565b6001600160401b0381111561168f5761168f6129f2565b6040519080825280602002602001820160405280156116b8578160200160208202803683370190505b5092505f8115611787576040516331a9108f60e11b8152600481018690527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690636352211e90602401602060405180830381865afa158015611725573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906117499190612ecc565b848261175481612f27565b93508151811061176657611766612ee7565b60200260200101906001600160a01b031690816001600160a01b0316815250505b5f5b83518110156117f5578381815181106117a4576117a4612ee7565b60200260200101516117b59061300a565b60601c85836117c381612f27565b9450815181106117d5576117d5612ee7565b6001600160a01b0390921660209283029190910190910152600101611789565b50505050919050565b604051634f558e7960e01b81526004810183905282907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa158015611863573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906118879190612ead565b6118d8576040516301c6d03560e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906301c6d035906024016106ea565b6040516331a9108f60e11b81526004810182905233906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690636352211e90602401602060405180830381865afa15801561193d573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906119619190612ecc565b6001600160a01b03161461199157604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b6001600160a01b0382166119b85760405163d92e233d60e01b815260040160405180910390fd5b6040516001600160601b0319606084901b1660208201526119ef9084906001906034016040516020818303038152906040526122a2565b505050565b60606104b782600261249c565b604051634f558e7960e01b81526004810184905283907f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690634f558e7990602401602060405180830381865afa158015611a66573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611a8a9190612ead565b611adb576040516301c6d03560e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906301c6d035906024016106ea565b6040516331a9108f60e11b81526004810182905233906001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001690636352211e90602401602060405180830381865afa158015611b40573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611b649190612ecc565b6001600160a01b031614611b9457604051631b2bf03360e31b8152600481018290523360248201526044016104e1565b611b9e838361240c565b611bdf84600285858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152506122a292505050565b50505050565b60605f611bf183611e5f565b5f818152602081905260409020909150611c0a81612663565b6001600160401b03811115611c2157611c216129f2565b604051908082528060200260200182016040528015611c7557816020015b611c6260405180606001604052805f815260200160608152602001606081525090565b815260200190600190039081611c3f5790505b5092505f5b8351811015611e15575f611c8e838361266c565b90505f60035f8381526020019081526020015f2090506040518060600160405280825f01548152602001826001018054611cc790612fbf565b80601f0160208091040260200160405190810160405280929190818152602001828054611cf390612fbf565b8015611d3e5780601f10611d1557610100808354040283529160200191611d3e565b820191905f5260205f20905b815481529060010190602001808311611d2157829003601f168201915b50505091835250505f87815260026020908152604080832087845282529091208054919092019190611d6f90612fbf565b80601f0160208091040260200160405190810160405280929190818152602001828054611d9b90612fbf565b8015611de65780601f10611dbd57610100808354040283529160200191611de6565b820191905f5260205f20905b815481529060010190602001808311611dc957829003601f168201915b5050505050815250868481518110611e0057611e00612ee7565b60209081029190910101525050600101611c7a565b505050919050565b5f6109b884600285858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061099f92505050565b60405163846d929360e01b8152600481018290525f9082906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063846d929390602401602060405180830381865afa158015611ec6573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611eea9190613058565b60408051602081019390935282015260600160408051601f19818403018152919052805160209091012092915050565b5f805b82811015611fa9576002848483818110611f3957611f39612ee7565b905060200201351115611f7b57838382818110611f5857611f58612ee7565b9050602002013560405163a06356f560e01b81526004016104e191815260200190565b838382818110611f8d57611f8d612ee7565b905060200201356001901b821791508080600101915050611f1d565b505f611fb587876105e1565b5f8181526003602052604081205491925003612028576040805160608101825288815260208082018981528284018990525f8581526003909252929020815181559151909190600182019061200a90826130bd565b506040820151600282019061201f90826130bd565b50905050612073565b5f818152600360205260409020600201805461204390612fbf565b15905080156120525750845115155b15612073575f81815260036020526040902060020161207186826130bd565b505b5f61207d89611e5f565b5f8181526020819052604090209091506120979083612677565b505f8281526004602052604090206120af908a612677565b508551156120db575f81815260026020908152604080832085845290915290206120d987826130bd565b505b5f81815260016020908152604080832085845290915281208054851790555b8481101561215e57897f29eb060f266aff306ec81b612728a417406dd6298f8f7576a37b4e6830dcc60e8a8a89898681811061213857612138612ee7565b9050602002013560405161214e93929190613177565b60405180910390a26001016120fa565b50887fd7db314a62650aaa1b15d4bb5c95c558a03cde3ee7f36e144b73126a3a8e839a8989896040516121939392919061319f565b60405180910390a2505050505050505050565b60605f6121b283612682565b9392505050565b5f81815260018301602052604081205415156104b4565b6001830361226457602081900361220d575f6121ec82846131d3565b036119ef5760405163cb6854d360e01b8152600481018490526024016104e1565b601481146122315760405163cb6854d360e01b8152600481018490526024016104e1565b5f61223c82846131f0565b6001600160601b031916036119ef5760405163d92e233d60e01b815260040160405180910390fd5b60028303612276576119ef828261240c565b821580612281575080155b156119ef5760405163cb6854d360e01b8152600481018490526024016104e1565b5f6122ad83836105e1565b90505f6122b985611e5f565b5f8181526020819052604090209091506122d390836126db565b6122fa57604051639504834160e01b815260048101869052602481018590526044016104e1565b5f82815260046020526040902061231190866126db565b505f818152600160209081526040808320858452825280832083905583835260028252808320858452909152812061234891612883565b847f9830658acd6a41f1cb12b425ed83cb2b8ccbfa753337cd13be80be51fc3f3373858560405161237a929190612efb565b60405180910390a25050505050565b5f6123958484846121d0565b6123d48484848080601f0160208091040260200160405190810160405280939291908181526020018383808284375f920191909152506105e192505050565b90506123e5815f5f61092689611e5f565b6109b857604051639504834160e01b815260048101869052602481018590526044016104e1565b602281141580612445575081815f81811061242957612429612ee7565b9050013560f81c60f81b6001600160f81b031916601260f81b14155b8061247a57508181600181811061245e5761245e612ee7565b9050013560f81c60f81b6001600160f81b031916602060f81b14155b1561249857604051633875d9bd60e21b815260040160405180910390fd5b5050565b60605f5f5f6124aa86611e5f565b81526020019081526020015f2090505f5f5f90505b6124c883612663565b81101561250d576124f260035f6124df868561266c565b81526020019081526020015f20866126e6565b15612505578161250181612f27565b9250505b6001016124bf565b50806001600160401b03811115612526576125266129f2565b60405190808252806020026020018201604052801561255957816020015b60608152602001906001900390816125445790505b5092505f805b61256884612663565b811015612659575f60038161257d878561266c565b81526020019081526020015f20905061259681886126e6565b15612650578060010180546125aa90612fbf565b80601f01602080910402602001604051908101604052809291908181526020018280546125d690612fbf565b80156126215780601f106125f857610100808354040283529160200191612621565b820191905f5260205f20905b81548152906001019060200180831161260457829003601f168201915b505050505086848061263290612f27565b95508151811061264457612644612ee7565b60200260200101819052505b5060010161255f565b5050505092915050565b5f6104b7825490565b5f6104b4838361271c565b5f6104b48383612727565b6060815f018054806020026020016040519081016040528092919081815260200182805480156126cf57602002820191905f5260205f20905b8154815260200190600101908083116126bb575b50505050509050919050565b5f6104b48383612773565b81545f9082146126f757505f6104b7565b6001821415806104b4575082600101805461271190612fbf565b601414949350505050565b5f6104b4838361285d565b5f81815260018301602052604081205461276c57508154600181810184555f8481526020808220909301849055845484825282860190935260409020919091556104b7565b505f6104b7565b5f818152600183016020526040812054801561284d575f612795600183613226565b85549091505f906127a890600190613226565b9050808214612807575f865f0182815481106127c6576127c6612ee7565b905f5260205f200154905080875f0184815481106127e6576127e6612ee7565b5f918252602080832090910192909255918252600188019052604090208390555b855486908061281857612818613239565b600190038181905f5260205f20015f90559055856001015f8681526020019081526020015f205f9055600193505050506104b7565b5f9150506104b7565b5092915050565b5f825f01828154811061287257612872612ee7565b905f5260205f200154905092915050565b50805461288f90612fbf565b5f825580601f1061289e575050565b601f0160209004905f5260205f20906128b791906128b9565b565b5f5b808211156119ef575f818401556001016128bb565b6001600160a01b03811681146128e4575f5ffd5b50565b5f5f604083850312156128f8575f5ffd5b82359150602083013561290a816128d0565b809150509250929050565b5f5f83601f840112612925575f5ffd5b5081356001600160401b0381111561293b575f5ffd5b602083019150836020828501011115612952575f5ffd5b9250929050565b5f5f5f5f5f6080868803121561296d575f5ffd5b853594506020860135935060408601356001600160401b03811115612990575f5ffd5b61299c88828901612915565b96999598509660600135949350505050565b602080825282518282018190525f918401906040840190835b818110156129e757835115158352602093840193909201916001016129c7565b509095945050505050565b634e487b7160e01b5f52604160045260245ffd5b5f82601f830112612a15575f5ffd5b81356001600160401b03811115612a2e57612a2e6129f2565b604051601f8201601f19908116603f011681016001600160401b0381118282101715612a5c57612a5c6129f2565b604052818152838201602001851015612a73575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f5f60408385031215612aa0575f5ffd5b8235915060208301356001600160401b03811115612abc575f5ffd5b612ac885828601612a06565b9150509250929050565b5f5f83601f840112612ae2575f5ffd5b5081356001600160401b03811115612af8575f5ffd5b6020830191508360208260051b8501011115612952575f5ffd5b5f5f5f5f60608587031215612b25575f5ffd5b843593506020850135612b37816128d0565b925060408501356001600160401b03811115612b51575f5ffd5b612b5d87828801612ad2565b95989497509550505050565b5f5f5f60408486031215612b7b575f5ffd5b8335925060208401356001600160401b03811115612b97575f5ffd5b612ba386828701612915565b9497909650939450505050565b602080825282518282018190525f918401906040840190835b818110156129e7578351835260209384019390920191600101612bc9565b5f5f5f60608486031215612bf9575f5ffd5b833592506020840135915060408401356001600160401b03811115612c1c575f5ffd5b612c2886828701612a06565b9150509250925092565b5f5f5f5f60608587031215612c45575f5ffd5b843593506020850135925060408501356001600160401b03811115612c68575f5ffd5b612b5d87828801612915565b5f5f5f5f5f60608688031215612c88575f5ffd5b8535945060208601356001600160401b03811115612ca4575f5ffd5b612cb088828901612915565b90955093505060408601356001600160401b03811115612cce575f5ffd5b612cda88828901612ad2565b969995985093965092949392505050565b5f5f5f5f60608587031215612cfe575f5ffd5b8435935060208501356001600160401b03811115612d1a575f5ffd5b850160608188031215612b37575f5ffd5b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f6104b46020830184612d2b565b5f60208284031215612d7b575f5ffd5b5035919050565b602080825282518282018190525f918401906040840190835b818110156129e75783516001600160a01b0316835260209384019390920191600101612d9b565b5f602082016020835280845180835260408501915060408160051b8601019250602086015f5b82811015612e1957603f19878603018452612e04858351612d2b565b94506020938401939190910190600101612de8565b50929695505050505050565b5f602082016020835280845180835260408501915060408160051b8601019250602086015f5b82811015612e1957603f19878603018452815180518652602081015160606020880152612e7b6060880182612d2b565b9050604082015191508681036040880152612e968183612d2b565b965050506020938401939190910190600101612e4b565b5f60208284031215612ebd575f5ffd5b815180151581146121b2575f5ffd5b5f60208284031215612edc575f5ffd5b81516121b2816128d0565b634e487b7160e01b5f52603260045260245ffd5b828152604060208201525f6109b86040830184612d2b565b634e487b7160e01b5f52601160045260245ffd5b5f60018201612f3857612f38612f13565b5060010190565b84815260606020820152826060820152828460808301375f608084830101525f6080601f19601f860116830101905082604083015295945050505050565b5f5f8335601e19843603018112612f92575f5ffd5b8301803591506001600160401b03821115612fab575f5ffd5b602001915036819003821315612952575f5ffd5b600181811c90821680612fd357607f821691505b602082108103612ff157634e487b7160e01b5f52602260045260245ffd5b50919050565b808201808211156104b7576104b7612f13565b805160208201516001600160601b0319811691906014821015613051576bffffffffffffffffffffffff196bffffffffffffffffffffffff198360140360031b1b82161692505b5050919050565b5f60208284031215613068575f5ffd5b5051919050565b601f8211156119ef57828211156119ef57805f5260205f20601f840160051c602085101561309a57505f5b90810190601f840160051c035f5b8181101561120b575f838201556001016130a8565b81516001600160401b038111156130d6576130d66129f2565b6130ea816130e48454612fbf565b8461306f565b6020601f82116001811461311c575f83156131055750848201515b5f19600385901b1c1916600184901b17845561088d565b5f84815260208120601f198516915b8281101561314b578785015182556020948501946001909201910161312b565b508482101561316857868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b838152606060208201525f61318f6060830185612d2b565b9050826040830152949350505050565b838152606060208201525f6131b76060830185612d2b565b82810360408401526131c98185612d2b565b9695505050505050565b803560208310156104b7575f19602084900360031b1b1692915050565b80356001600160601b03198116906014841015612856576001600160601b031960149490940360031b84901b1690921692915050565b818103818111156104b7576104b7612f13565b634e487b7160e01b5f52603160045260245ffd",
}

// PKPPermissions is an auto generated Go binding around an Ethereum contract.
type PKPPermissions struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *PKPPermissions) GetABI() abi.ABI {
	return c.abi
}

// NewPKPPermissions creates a new instance of PKPPermissions.
func NewPKPPermissions() *PKPPermissions {
	parsed, err := PKPPermissionsMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &PKPPermissions{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *PKPPermissions) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address pkpNft, address router) returns()
func (pKPPermissions *PKPPermissions) PackConstructor(pkpNft common.Address, router common.Address) []byte {
	enc, err := pKPPermissions.abi.Pack("", pkpNft, router)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAUTHMETHODTYPEACTION is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe37f675e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function AUTH_METHOD_TYPE_ACTION() view returns(uint256)
func (pKPPermissions *PKPPermissions) PackAUTHMETHODTYPEACTION() []byte {
	enc, err := pKPPermissions.abi.Pack("AUTH_METHOD_TYPE_ACTION")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAUTHMETHODTYPEACTION is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe37f675e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function AUTH_METHOD_TYPE_ACTION() view returns(uint256)
func (pKPPermissions *PKPPermissions) TryPackAUTHMETHODTYPEACTION() ([]byte, error) {
	return pKPPermissions.abi.Pack("AUTH_METHOD_TYPE_ACTION")
}

// UnpackAUTHMETHODTYPEACTION is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe37f675e.
//
// Solidity: function AUTH_METHOD_TYPE_ACTION() view returns(uint256)
func (pKPPermissions *PKPPermissions) UnpackAUTHMETHODTYPEACTION(data []byte) (*big.Int, error) {
	out, err := pKPPermissions.abi.Unpack("AUTH_METHOD_TYPE_ACTION", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAUTHMETHODTYPEADDRESS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa54d6e92.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function AUTH_METHOD_TYPE_ADDRESS() view returns(uint256)
func (pKPPermissions *PKPPermissions) PackAUTHMETHODTYPEADDRESS() []byte {
	enc, err := pKPPermissions.abi.Pack("AUTH_METHOD_TYPE_ADDRESS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAUTHMETHODTYPEADDRESS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa54d6e92.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function AUTH_METHOD_TYPE_ADDRESS() view returns(uint256)
func (pKPPermissions *PKPPermissions) TryPackAUTHMETHODTYPEADDRESS() ([]byte, error) {
	return pKPPermissions.abi.Pack("AUTH_METHOD_TYPE_ADDRESS")
}

// UnpackAUTHMETHODTYPEADDRESS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa54d6e92.
//
// Solidity: function AUTH_METHOD_TYPE_ADDRESS() view returns(uint256)
func (pKPPermissions *PKPPermissions) UnpackAUTHMETHODTYPEADDRESS(data []byte) (*big.Int, error) {
	out, err := pKPPermissions.abi.Unpack("AUTH_METHOD_TYPE_ADDRESS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXSCOPE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x28fba0f0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_SCOPE() view returns(uint256)
func (pKPPermissions *PKPPermissions) PackMAXSCOPE() []byte {
	enc, err := pKPPermissions.abi.Pack("MAX_SCOPE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXSCOPE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x28fba0f0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_SCOPE() view returns(uint256)
func (pKPPermissions *PKPPermissions) TryPackMAXSCOPE() ([]byte, error) {
	return pKPPermissions.abi.Pack("MAX_SCOPE")
}

// UnpackMAXSCOPE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x28fba0f0.
//
// Solidity: function MAX_SCOPE() view returns(uint256)
func (pKPPermissions *PKPPermissions) UnpackMAXSCOPE(data []byte) (*big.Int, error) {
	out, err := pKPPermissions.abi.Unpack("MAX_SCOPE", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXSCOPEQUERY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x15342b55.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_SCOPE_QUERY() view returns(uint256)
func (pKPPermissions *PKPPermissions) PackMAXSCOPEQUERY() []byte {
	enc, err := pKPPermissions.abi.Pack("MAX_SCOPE_QUERY")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXSCOPEQUERY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x15342b55.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_SCOPE_QUERY() view returns(uint256)
func (pKPPermissions *PKPPermissions) TryPackMAXSCOPEQUERY() ([]byte, error) {
	return pKPPermissions.abi.Pack("MAX_SCOPE_QUERY")
}

// UnpackMAXSCOPEQUERY is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x15342b55.
//
// Solidity: function MAX_SCOPE_QUERY() view returns(uint256)
func (pKPPermissions *PKPPermissions) UnpackMAXSCOPEQUERY(data []byte) (*big.Int, error) {
	out, err := pKPPermissions.abi.Unpack("MAX_SCOPE_QUERY", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAddPermittedAction is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8a431578.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addPermittedAction(uint256 tokenId, bytes ipfsCID, uint256[] scopes) returns()
func (pKPPermissions *PKPPermissions) PackAddPermittedAction(tokenId *big.Int, ipfsCID []byte, scopes []*big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("addPermittedAction", tokenId, ipfsCID, scopes)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddPermittedAction is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8a431578.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addPermittedAction(uint256 tokenId, bytes ipfsCID, uint256[] scopes) returns()
func (pKPPermissions *PKPPermissions) TryPackAddPermittedAction(tokenId *big.Int, ipfsCID []byte, scopes []*big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("addPermittedAction", tokenId, ipfsCID, scopes)
}

// PackAddPermittedAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1663c121.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addPermittedAddress(uint256 tokenId, address user, uint256[] scopes) returns()
func (pKPPermissions *PKPPermissions) PackAddPermittedAddress(tokenId *big.Int, user common.Address, scopes []*big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("addPermittedAddress", tokenId, user, scopes)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddPermittedAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1663c121.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addPermittedAddress(uint256 tokenId, address user, uint256[] scopes) returns()
func (pKPPermissions *PKPPermissions) TryPackAddPermittedAddress(tokenId *big.Int, user common.Address, scopes []*big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("addPermittedAddress", tokenId, user, scopes)
}

// PackAddPermittedAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9dd4349b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addPermittedAuthMethod(uint256 tokenId, (uint256,bytes,bytes) authMethod, uint256[] scopes) returns()
func (pKPPermissions *PKPPermissions) PackAddPermittedAuthMethod(tokenId *big.Int, authMethod PKPPermissionsAuthMethod, scopes []*big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("addPermittedAuthMethod", tokenId, authMethod, scopes)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddPermittedAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9dd4349b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addPermittedAuthMethod(uint256 tokenId, (uint256,bytes,bytes) authMethod, uint256[] scopes) returns()
func (pKPPermissions *PKPPermissions) TryPackAddPermittedAuthMethod(tokenId *big.Int, authMethod PKPPermissionsAuthMethod, scopes []*big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("addPermittedAuthMethod", tokenId, authMethod, scopes)
}

// PackAddPermittedAuthMethodScope is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6821c8e2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addPermittedAuthMethodScope(uint256 tokenId, uint256 authMethodType, bytes id, uint256 scopeId) returns()
func (pKPPermissions *PKPPermissions) PackAddPermittedAuthMethodScope(tokenId *big.Int, authMethodType *big.Int, id []byte, scopeId *big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("addPermittedAuthMethodScope", tokenId, authMethodType, id, scopeId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddPermittedAuthMethodScope is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6821c8e2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addPermittedAuthMethodScope(uint256 tokenId, uint256 authMethodType, bytes id, uint256 scopeId) returns()
func (pKPPermissions *PKPPermissions) TryPackAddPermittedAuthMethodScope(tokenId *big.Int, authMethodType *big.Int, id []byte, scopeId *big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("addPermittedAuthMethodScope", tokenId, authMethodType, id, scopeId)
}

// PackGetAuthMethodId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0a60950d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getAuthMethodId(uint256 authMethodType, bytes id) pure returns(uint256)
func (pKPPermissions *PKPPermissions) PackGetAuthMethodId(authMethodType *big.Int, id []byte) []byte {
	enc, err := pKPPermissions.abi.Pack("getAuthMethodId", authMethodType, id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetAuthMethodId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0a60950d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getAuthMethodId(uint256 authMethodType, bytes id) pure returns(uint256)
func (pKPPermissions *PKPPermissions) TryPackGetAuthMethodId(authMethodType *big.Int, id []byte) ([]byte, error) {
	return pKPPermissions.abi.Pack("getAuthMethodId", authMethodType, id)
}

// UnpackGetAuthMethodId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0a60950d.
//
// Solidity: function getAuthMethodId(uint256 authMethodType, bytes id) pure returns(uint256)
func (pKPPermissions *PKPPermissions) UnpackGetAuthMethodId(data []byte) (*big.Int, error) {
	out, err := pKPPermissions.abi.Unpack("getAuthMethodId", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetPermittedActions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbb7a1070.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPermittedActions(uint256 tokenId) view returns(bytes[])
func (pKPPermissions *PKPPermissions) PackGetPermittedActions(tokenId *big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("getPermittedActions", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPermittedActions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbb7a1070.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPermittedActions(uint256 tokenId) view returns(bytes[])
func (pKPPermissions *PKPPermissions) TryPackGetPermittedActions(tokenId *big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("getPermittedActions", tokenId)
}

// UnpackGetPermittedActions is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbb7a1070.
//
// Solidity: function getPermittedActions(uint256 tokenId) view returns(bytes[])
func (pKPPermissions *PKPPermissions) UnpackGetPermittedActions(data []byte) ([][]byte, error) {
	out, err := pKPPermissions.abi.Unpack("getPermittedActions", data)
	if err != nil {
		return *new([][]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([][]byte)).(*[][]byte)
	return out0, nil
}

// PackGetPermittedAddresses is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xabc541ae.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPermittedAddresses(uint256 tokenId) view returns(address[] out)
func (pKPPermissions *PKPPermissions) PackGetPermittedAddresses(tokenId *big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("getPermittedAddresses", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPermittedAddresses is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xabc541ae.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPermittedAddresses(uint256 tokenId) view returns(address[] out)
func (pKPPermissions *PKPPermissions) TryPackGetPermittedAddresses(tokenId *big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("getPermittedAddresses", tokenId)
}

// UnpackGetPermittedAddresses is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xabc541ae.
//
// Solidity: function getPermittedAddresses(uint256 tokenId) view returns(address[] out)
func (pKPPermissions *PKPPermissions) UnpackGetPermittedAddresses(data []byte) ([]common.Address, error) {
	out, err := pKPPermissions.abi.Unpack("getPermittedAddresses", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackGetPermittedAuthMethodScopes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x00221c08.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPermittedAuthMethodScopes(uint256 tokenId, uint256 authMethodType, bytes id, uint256 maxScopeId) view returns(bool[] out)
func (pKPPermissions *PKPPermissions) PackGetPermittedAuthMethodScopes(tokenId *big.Int, authMethodType *big.Int, id []byte, maxScopeId *big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("getPermittedAuthMethodScopes", tokenId, authMethodType, id, maxScopeId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPermittedAuthMethodScopes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x00221c08.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPermittedAuthMethodScopes(uint256 tokenId, uint256 authMethodType, bytes id, uint256 maxScopeId) view returns(bool[] out)
func (pKPPermissions *PKPPermissions) TryPackGetPermittedAuthMethodScopes(tokenId *big.Int, authMethodType *big.Int, id []byte, maxScopeId *big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("getPermittedAuthMethodScopes", tokenId, authMethodType, id, maxScopeId)
}

// UnpackGetPermittedAuthMethodScopes is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x00221c08.
//
// Solidity: function getPermittedAuthMethodScopes(uint256 tokenId, uint256 authMethodType, bytes id, uint256 maxScopeId) view returns(bool[] out)
func (pKPPermissions *PKPPermissions) UnpackGetPermittedAuthMethodScopes(data []byte) ([]bool, error) {
	out, err := pKPPermissions.abi.Unpack("getPermittedAuthMethodScopes", data)
	if err != nil {
		return *new([]bool), err
	}
	out0 := *abi.ConvertType(out[0], new([]bool)).(*[]bool)
	return out0, nil
}

// PackGetPermittedAuthMethods is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf34f21ba.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPermittedAuthMethods(uint256 tokenId) view returns((uint256,bytes,bytes)[] out)
func (pKPPermissions *PKPPermissions) PackGetPermittedAuthMethods(tokenId *big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("getPermittedAuthMethods", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPermittedAuthMethods is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf34f21ba.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPermittedAuthMethods(uint256 tokenId) view returns((uint256,bytes,bytes)[] out)
func (pKPPermissions *PKPPermissions) TryPackGetPermittedAuthMethods(tokenId *big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("getPermittedAuthMethods", tokenId)
}

// UnpackGetPermittedAuthMethods is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf34f21ba.
//
// Solidity: function getPermittedAuthMethods(uint256 tokenId) view returns((uint256,bytes,bytes)[] out)
func (pKPPermissions *PKPPermissions) UnpackGetPermittedAuthMethods(data []byte) ([]PKPPermissionsAuthMethod, error) {
	out, err := pKPPermissions.abi.Unpack("getPermittedAuthMethods", data)
	if err != nil {
		return *new([]PKPPermissionsAuthMethod), err
	}
	out0 := *abi.ConvertType(out[0], new([]PKPPermissionsAuthMethod)).(*[]PKPPermissionsAuthMethod)
	return out0, nil
}

// PackGetTokenIdsForAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5521c452.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getTokenIdsForAuthMethod(uint256 authMethodType, bytes id) view returns(uint256[])
func (pKPPermissions *PKPPermissions) PackGetTokenIdsForAuthMethod(authMethodType *big.Int, id []byte) []byte {
	enc, err := pKPPermissions.abi.Pack("getTokenIdsForAuthMethod", authMethodType, id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetTokenIdsForAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5521c452.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getTokenIdsForAuthMethod(uint256 authMethodType, bytes id) view returns(uint256[])
func (pKPPermissions *PKPPermissions) TryPackGetTokenIdsForAuthMethod(authMethodType *big.Int, id []byte) ([]byte, error) {
	return pKPPermissions.abi.Pack("getTokenIdsForAuthMethod", authMethodType, id)
}

// UnpackGetTokenIdsForAuthMethod is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5521c452.
//
// Solidity: function getTokenIdsForAuthMethod(uint256 authMethodType, bytes id) view returns(uint256[])
func (pKPPermissions *PKPPermissions) UnpackGetTokenIdsForAuthMethod(data []byte) ([]*big.Int, error) {
	out, err := pKPPermissions.abi.Unpack("getTokenIdsForAuthMethod", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackGetUserPubkeyForAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa1afdc6f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getUserPubkeyForAuthMethod(uint256 authMethodType, bytes id) view returns(bytes)
func (pKPPermissions *PKPPermissions) PackGetUserPubkeyForAuthMethod(authMethodType *big.Int, id []byte) []byte {
	enc, err := pKPPermissions.abi.Pack("getUserPubkeyForAuthMethod", authMethodType, id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetUserPubkeyForAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa1afdc6f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getUserPubkeyForAuthMethod(uint256 authMethodType, bytes id) view returns(bytes)
func (pKPPermissions *PKPPermissions) TryPackGetUserPubkeyForAuthMethod(authMethodType *big.Int, id []byte) ([]byte, error) {
	return pKPPermissions.abi.Pack("getUserPubkeyForAuthMethod", authMethodType, id)
}

// UnpackGetUserPubkeyForAuthMethod is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa1afdc6f.
//
// Solidity: function getUserPubkeyForAuthMethod(uint256 authMethodType, bytes id) view returns(bytes)
func (pKPPermissions *PKPPermissions) UnpackGetUserPubkeyForAuthMethod(data []byte) ([]byte, error) {
	out, err := pKPPermissions.abi.Unpack("getUserPubkeyForAuthMethod", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackIsPermittedAction is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfceb3983.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isPermittedAction(uint256 tokenId, bytes ipfsCID) view returns(bool)
func (pKPPermissions *PKPPermissions) PackIsPermittedAction(tokenId *big.Int, ipfsCID []byte) []byte {
	enc, err := pKPPermissions.abi.Pack("isPermittedAction", tokenId, ipfsCID)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsPermittedAction is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfceb3983.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isPermittedAction(uint256 tokenId, bytes ipfsCID) view returns(bool)
func (pKPPermissions *PKPPermissions) TryPackIsPermittedAction(tokenId *big.Int, ipfsCID []byte) ([]byte, error) {
	return pKPPermissions.abi.Pack("isPermittedAction", tokenId, ipfsCID)
}

// UnpackIsPermittedAction is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfceb3983.
//
// Solidity: function isPermittedAction(uint256 tokenId, bytes ipfsCID) view returns(bool)
func (pKPPermissions *PKPPermissions) UnpackIsPermittedAction(data []byte) (bool, error) {
	out, err := pKPPermissions.abi.Unpack("isPermittedAction", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsPermittedAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x00008b4f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isPermittedAddress(uint256 tokenId, address user) view returns(bool)
func (pKPPermissions *PKPPermissions) PackIsPermittedAddress(tokenId *big.Int, user common.Address) []byte {
	enc, err := pKPPermissions.abi.Pack("isPermittedAddress", tokenId, user)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsPermittedAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x00008b4f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isPermittedAddress(uint256 tokenId, address user) view returns(bool)
func (pKPPermissions *PKPPermissions) TryPackIsPermittedAddress(tokenId *big.Int, user common.Address) ([]byte, error) {
	return pKPPermissions.abi.Pack("isPermittedAddress", tokenId, user)
}

// UnpackIsPermittedAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x00008b4f.
//
// Solidity: function isPermittedAddress(uint256 tokenId, address user) view returns(bool)
func (pKPPermissions *PKPPermissions) UnpackIsPermittedAddress(data []byte) (bool, error) {
	out, err := pKPPermissions.abi.Unpack("isPermittedAddress", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsPermittedAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x557b5eba.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isPermittedAuthMethod(uint256 tokenId, uint256 authMethodType, bytes id) view returns(bool)
func (pKPPermissions *PKPPermissions) PackIsPermittedAuthMethod(tokenId *big.Int, authMethodType *big.Int, id []byte) []byte {
	enc, err := pKPPermissions.abi.Pack("isPermittedAuthMethod", tokenId, authMethodType, id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsPermittedAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x557b5eba.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isPermittedAuthMethod(uint256 tokenId, uint256 authMethodType, bytes id) view returns(bool)
func (pKPPermissions *PKPPermissions) TryPackIsPermittedAuthMethod(tokenId *big.Int, authMethodType *big.Int, id []byte) ([]byte, error) {
	return pKPPermissions.abi.Pack("isPermittedAuthMethod", tokenId, authMethodType, id)
}

// UnpackIsPermittedAuthMethod is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x557b5eba.
//
// Solidity: function isPermittedAuthMethod(uint256 tokenId, uint256 authMethodType, bytes id) view returns(bool)
func (pKPPermissions *PKPPermissions) UnpackIsPermittedAuthMethod(data []byte) (bool, error) {
	out, err := pKPPermissions.abi.Unpack("isPermittedAuthMethod", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsPermittedAuthMethodScopePresent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa1c805fa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isPermittedAuthMethodScopePresent(uint256 tokenId, uint256 authMethodType, bytes id, uint256 scopeId) view returns(bool)
func (pKPPermissions *PKPPermissions) PackIsPermittedAuthMethodScopePresent(tokenId *big.Int, authMethodType *big.Int, id []byte, scopeId *big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("isPermittedAuthMethodScopePresent", tokenId, authMethodType, id, scopeId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsPermittedAuthMethodScopePresent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa1c805fa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isPermittedAuthMethodScopePresent(uint256 tokenId, uint256 authMethodType, bytes id, uint256 scopeId) view returns(bool)
func (pKPPermissions *PKPPermissions) TryPackIsPermittedAuthMethodScopePresent(tokenId *big.Int, authMethodType *big.Int, id []byte, scopeId *big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("isPermittedAuthMethodScopePresent", tokenId, authMethodType, id, scopeId)
}

// UnpackIsPermittedAuthMethodScopePresent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa1c805fa.
//
// Solidity: function isPermittedAuthMethodScopePresent(uint256 tokenId, uint256 authMethodType, bytes id, uint256 scopeId) view returns(bool)
func (pKPPermissions *PKPPermissions) UnpackIsPermittedAuthMethodScopePresent(data []byte) (bool, error) {
	out, err := pKPPermissions.abi.Unpack("isPermittedAuthMethodScopePresent", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackRemovePermittedAction is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd41a3272.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removePermittedAction(uint256 tokenId, bytes ipfsCID) returns()
func (pKPPermissions *PKPPermissions) PackRemovePermittedAction(tokenId *big.Int, ipfsCID []byte) []byte {
	enc, err := pKPPermissions.abi.Pack("removePermittedAction", tokenId, ipfsCID)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemovePermittedAction is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd41a3272.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removePermittedAction(uint256 tokenId, bytes ipfsCID) returns()
func (pKPPermissions *PKPPermissions) TryPackRemovePermittedAction(tokenId *big.Int, ipfsCID []byte) ([]byte, error) {
	return pKPPermissions.abi.Pack("removePermittedAction", tokenId, ipfsCID)
}

// PackRemovePermittedAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb997606f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removePermittedAddress(uint256 tokenId, address user) returns()
func (pKPPermissions *PKPPermissions) PackRemovePermittedAddress(tokenId *big.Int, user common.Address) []byte {
	enc, err := pKPPermissions.abi.Pack("removePermittedAddress", tokenId, user)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemovePermittedAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb997606f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removePermittedAddress(uint256 tokenId, address user) returns()
func (pKPPermissions *PKPPermissions) TryPackRemovePermittedAddress(tokenId *big.Int, user common.Address) ([]byte, error) {
	return pKPPermissions.abi.Pack("removePermittedAddress", tokenId, user)
}

// PackRemovePermittedAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66fc6541.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removePermittedAuthMethod(uint256 tokenId, uint256 authMethodType, bytes id) returns()
func (pKPPermissions *PKPPermissions) PackRemovePermittedAuthMethod(tokenId *big.Int, authMethodType *big.Int, id []byte) []byte {
	enc, err := pKPPermissions.abi.Pack("removePermittedAuthMethod", tokenId, authMethodType, id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemovePermittedAuthMethod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66fc6541.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removePermittedAuthMethod(uint256 tokenId, uint256 authMethodType, bytes id) returns()
func (pKPPermissions *PKPPermissions) TryPackRemovePermittedAuthMethod(tokenId *big.Int, authMethodType *big.Int, id []byte) ([]byte, error) {
	return pKPPermissions.abi.Pack("removePermittedAuthMethod", tokenId, authMethodType, id)
}

// PackRemovePermittedAuthMethodScope is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x82559561.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removePermittedAuthMethodScope(uint256 tokenId, uint256 authMethodType, bytes id, uint256 scopeId) returns()
func (pKPPermissions *PKPPermissions) PackRemovePermittedAuthMethodScope(tokenId *big.Int, authMethodType *big.Int, id []byte, scopeId *big.Int) []byte {
	enc, err := pKPPermissions.abi.Pack("removePermittedAuthMethodScope", tokenId, authMethodType, id, scopeId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemovePermittedAuthMethodScope is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x82559561.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removePermittedAuthMethodScope(uint256 tokenId, uint256 authMethodType, bytes id, uint256 scopeId) returns()
func (pKPPermissions *PKPPermissions) TryPackRemovePermittedAuthMethodScope(tokenId *big.Int, authMethodType *big.Int, id []byte, scopeId *big.Int) ([]byte, error) {
	return pKPPermissions.abi.Pack("removePermittedAuthMethodScope", tokenId, authMethodType, id, scopeId)
}

// PKPPermissionsPermittedAuthMethodAdded represents a PermittedAuthMethodAdded event raised by the PKPPermissions contract.
type PKPPermissionsPermittedAuthMethodAdded struct {
	TokenId        *big.Int
	AuthMethodType *big.Int
	Id             []byte
	UserPubkey     []byte
	Raw            *types.Log // Blockchain specific contextual infos
}

const PKPPermissionsPermittedAuthMethodAddedEventName = "PermittedAuthMethodAdded"

// ContractEventName returns the user-defined event name.
func (PKPPermissionsPermittedAuthMethodAdded) ContractEventName() string {
	return PKPPermissionsPermittedAuthMethodAddedEventName
}

// UnpackPermittedAuthMethodAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PermittedAuthMethodAdded(uint256 indexed tokenId, uint256 authMethodType, bytes id, bytes userPubkey)
func (pKPPermissions *PKPPermissions) UnpackPermittedAuthMethodAddedEvent(log *types.Log) (*PKPPermissionsPermittedAuthMethodAdded, error) {
	event := "PermittedAuthMethodAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPPermissions.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPPermissionsPermittedAuthMethodAdded)
	if len(log.Data) > 0 {
		if err := pKPPermissions.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPPermissions.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPPermissionsPermittedAuthMethodRemoved represents a PermittedAuthMethodRemoved event raised by the PKPPermissions contract.
type PKPPermissionsPermittedAuthMethodRemoved struct {
	TokenId        *big.Int
	AuthMethodType *big.Int
	Id             []byte
	Raw            *types.Log // Blockchain specific contextual infos
}

const PKPPermissionsPermittedAuthMethodRemovedEventName = "PermittedAuthMethodRemoved"

// ContractEventName returns the user-defined event name.
func (PKPPermissionsPermittedAuthMethodRemoved) ContractEventName() string {
	return PKPPermissionsPermittedAuthMethodRemovedEventName
}

// UnpackPermittedAuthMethodRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PermittedAuthMethodRemoved(uint256 indexed tokenId, uint256 authMethodType, bytes id)
func (pKPPermissions *PKPPermissions) UnpackPermittedAuthMethodRemovedEvent(log *types.Log) (*PKPPermissionsPermittedAuthMethodRemoved, error) {
	event := "PermittedAuthMethodRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPPermissions.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPPermissionsPermittedAuthMethodRemoved)
	if len(log.Data) > 0 {
		if err := pKPPermissions.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPPermissions.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPPermissionsPermittedAuthMethodScopeAdded represents a PermittedAuthMethodScopeAdded event raised by the PKPPermissions contract.
type PKPPermissionsPermittedAuthMethodScopeAdded struct {
	TokenId        *big.Int
	AuthMethodType *big.Int
	Id             []byte
	ScopeId        *big.Int
	Raw            *types.Log // Blockchain specific contextual infos
}

const PKPPermissionsPermittedAuthMethodScopeAddedEventName = "PermittedAuthMethodScopeAdded"

// ContractEventName returns the user-defined event name.
func (PKPPermissionsPermittedAuthMethodScopeAdded) ContractEventName() string {
	return PKPPermissionsPermittedAuthMethodScopeAddedEventName
}

// UnpackPermittedAuthMethodScopeAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PermittedAuthMethodScopeAdded(uint256 indexed tokenId, uint256 authMethodType, bytes id, uint256 scopeId)
func (pKPPermissions *PKPPermissions) UnpackPermittedAuthMethodScopeAddedEvent(log *types.Log) (*PKPPermissionsPermittedAuthMethodScopeAdded, error) {
	event := "PermittedAuthMethodScopeAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPPermissions.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPPermissionsPermittedAuthMethodScopeAdded)
	if len(log.Data) > 0 {
		if err := pKPPermissions.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPPermissions.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PKPPermissionsPermittedAuthMethodScopeRemoved represents a PermittedAuthMethodScopeRemoved event raised by the PKPPermissions contract.
type PKPPermissionsPermittedAuthMethodScopeRemoved struct {
	TokenId        *big.Int
	AuthMethodType *big.Int
	Id             []byte
	ScopeId        *big.Int
	Raw            *types.Log // Blockchain specific contextual infos
}

const PKPPermissionsPermittedAuthMethodScopeRemovedEventName = "PermittedAuthMethodScopeRemoved"

// ContractEventName returns the user-defined event name.
func (PKPPermissionsPermittedAuthMethodScopeRemoved) ContractEventName() string {
	return PKPPermissionsPermittedAuthMethodScopeRemovedEventName
}

// UnpackPermittedAuthMethodScopeRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PermittedAuthMethodScopeRemoved(uint256 indexed tokenId, uint256 authMethodType, bytes id, uint256 scopeId)
func (pKPPermissions *PKPPermissions) UnpackPermittedAuthMethodScopeRemovedEvent(log *types.Log) (*PKPPermissionsPermittedAuthMethodScopeRemoved, error) {
	event := "PermittedAuthMethodScopeRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pKPPermissions.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PKPPermissionsPermittedAuthMethodScopeRemoved)
	if len(log.Data) > 0 {
		if err := pKPPermissions.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pKPPermissions.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (pKPPermissions *PKPPermissions) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], pKPPermissions.abi.Errors["AuthMethodNotPermitted"].ID.Bytes()[:4]) {
		return pKPPermissions.UnpackAuthMethodNotPermittedError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPPermissions.abi.Errors["InvalidAuthMethod"].ID.Bytes()[:4]) {
		return pKPPermissions.UnpackInvalidAuthMethodError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPPermissions.abi.Errors["InvalidCID"].ID.Bytes()[:4]) {
		return pKPPermissions.UnpackInvalidCIDError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPPermissions.abi.Errors["InvalidScope"].ID.Bytes()[:4]) {
		return pKPPermissions.UnpackInvalidScopeError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPPermissions.abi.Errors["NotPKPOwner"].ID.Bytes()[:4]) {
		return pKPPermissions.UnpackNotPKPOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPPermissions.abi.Errors["UnknownToken"].ID.Bytes()[:4]) {
		return pKPPermissions.UnpackUnknownTokenError(raw[4:])
	}
	if bytes.Equal(raw[:4], pKPPermissions.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return pKPPermissions.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// PKPPermissionsAuthMethodNotPermitted represents a AuthMethodNotPermitted error raised by the PKPPermissions contract.
type PKPPermissionsAuthMethodNotPermitted struct {
	TokenId        *big.Int
	AuthMethodType *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AuthMethodNotPermitted(uint256 tokenId, uint256 authMethodType)
func PKPPermissionsAuthMethodNotPermittedErrorID() common.Hash {
	return common.HexToHash("0x950483414a88afcadedf8afce671fee2f52eec18e5e0dcd2978020f95bc65e0a")
}

// UnpackAuthMethodNotPermittedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AuthMethodNotPermitted(uint256 tokenId, uint256 authMethodType)
func (pKPPermissions *PKPPermissions) UnpackAuthMethodNotPermittedError(raw []byte) (*PKPPermissionsAuthMethodNotPermitted, error) {
	out := new(PKPPermissionsAuthMethodNotPermitted)
	if err := pKPPermissions.abi.UnpackIntoInterface(out, "AuthMethodNotPermitted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPPermissionsInvalidAuthMethod represents a InvalidAuthMethod error raised by the PKPPermissions contract.
type PKPPermissionsInvalidAuthMethod struct {
	AuthMethodType *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidAuthMethod(uint256 authMethodType)
func PKPPermissionsInvalidAuthMethodErrorID() common.Hash {
	return common.HexToHash("0xcb6854d33aa8c4c6941b669902edaa59c8b46f036cda9e571b142653572bc0ac")
}

// UnpackInvalidAuthMethodError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidAuthMethod(uint256 authMethodType)
func (pKPPermissions *PKPPermissions) UnpackInvalidAuthMethodError(raw []byte) (*PKPPermissionsInvalidAuthMethod, error) {
	out := new(PKPPermissionsInvalidAuthMethod)
	if err := pKPPermissions.abi.UnpackIntoInterface(out, "InvalidAuthMethod", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPPermissionsInvalidCID represents a InvalidCID error raised by the PKPPermissions contract.
type PKPPermissionsInvalidCID struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidCID()
func PKPPermissionsInvalidCIDErrorID() common.Hash {
	return common.HexToHash("0xe1d766f45f42c0be5434963d49e08bccba6a62408c497ab45f97eb861cbb4bd7")
}

// UnpackInvalidCIDError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidCID()
func (pKPPermissions *PKPPermissions) UnpackInvalidCIDError(raw []byte) (*PKPPermissionsInvalidCID, error) {
	out := new(PKPPermissionsInvalidCID)
	if err := pKPPermissions.abi.UnpackIntoInterface(out, "InvalidCID", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPPermissionsInvalidScope represents a InvalidScope error raised by the PKPPermissions contract.
type PKPPermissionsInvalidScope struct {
	Scope *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidScope(uint256 scope)
func PKPPermissionsInvalidScopeErrorID() common.Hash {
	return common.HexToHash("0xa06356f55a2ef495e2e4fce19900eea9f9a889e507052dd2668a9de3e205cf2b")
}

// UnpackInvalidScopeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidScope(uint256 scope)
func (pKPPermissions *PKPPermissions) UnpackInvalidScopeError(raw []byte) (*PKPPermissionsInvalidScope, error) {
	out := new(PKPPermissionsInvalidScope)
	if err := pKPPermissions.abi.UnpackIntoInterface(out, "InvalidScope", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPPermissionsNotPKPOwner represents a NotPKPOwner error raised by the PKPPermissions contract.
type PKPPermissionsNotPKPOwner struct {
	TokenId *big.Int
	Caller  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPKPOwner(uint256 tokenId, address caller)
func PKPPermissionsNotPKPOwnerErrorID() common.Hash {
	return common.HexToHash("0xd95f81983a6d23daa957caab7e3886ae1881ee6e494056bd57d88820ac84d6e7")
}

// UnpackNotPKPOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPKPOwner(uint256 tokenId, address caller)
func (pKPPermissions *PKPPermissions) UnpackNotPKPOwnerError(raw []byte) (*PKPPermissionsNotPKPOwner, error) {
	out := new(PKPPermissionsNotPKPOwner)
	if err := pKPPermissions.abi.UnpackIntoInterface(out, "NotPKPOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPPermissionsUnknownToken represents a UnknownToken error raised by the PKPPermissions contract.
type PKPPermissionsUnknownToken struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownToken(uint256 tokenId)
func PKPPermissionsUnknownTokenErrorID() common.Hash {
	return common.HexToHash("0x0ed9cff433b81428e781452ec796299037b5c050f5e68191cfa002b8084e3cad")
}

// UnpackUnknownTokenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownToken(uint256 tokenId)
func (pKPPermissions *PKPPermissions) UnpackUnknownTokenError(raw []byte) (*PKPPermissionsUnknownToken, error) {
	out := new(PKPPermissionsUnknownToken)
	if err := pKPPermissions.abi.UnpackIntoInterface(out, "UnknownToken", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PKPPermissionsZeroAddress represents a ZeroAddress error raised by the PKPPermissions contract.
type PKPPermissionsZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func PKPPermissionsZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (pKPPermissions *PKPPermissions) UnpackZeroAddressError(raw []byte) (*PKPPermissionsZeroAddress, error) {
	out := new(PKPPermissionsZeroAddress)
	if err := pKPPermissions.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterMetaData contains all meta data concerning the PubkeyRouter contract.
var PubkeyRouterMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"pkpNft\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"staking\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"AlreadyRouted\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidKeyId\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidPubkey\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidRootKeys\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPKPNFT\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"epoch\",\"type\":\"uint256\"}],\"name\":\"RootKeysAlreadySet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"TokenIdMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"given\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"current\",\"type\":\"uint256\"}],\"name\":\"WrongEpoch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"stakingContract\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"derivedKeyId\",\"type\":\"bytes32\"}],\"name\":\"PubkeyRoutingDataSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"stakingContract\",\"type\":\"address\"},{\"components\":[{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"}],\"indexed\":false,\"internalType\":\"structRootKey\",\"name\":\"rootKey\",\"type\":\"tuple\"}],\"name\":\"RootKeySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"epoch\",\"type\":\"uint256\"}],\"name\":\"RootKeysSet\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"BLS_ROOT_KEY_COUNT\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"ECDSA_ROOT_KEY_COUNT\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"ROOT_KEYS_TAG\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"}],\"name\":\"deriveEthAddressFromPubkey\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"ethAddress\",\"type\":\"address\"}],\"name\":\"ethAddressToPkpId\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getDerivedKeyId\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getEthAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getPkpNftAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getPubkey\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"stakingContract\",\"type\":\"address\"}],\"name\":\"getRootKeys\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"}],\"internalType\":\"structRootKey[]\",\"name\":\"\",\"type\":\"tuple[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"getRoutingData\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"derivedKeyId\",\"type\":\"bytes32\"}],\"internalType\":\"structPubkeyRouter.PubkeyRoutingData\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getStakingAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"isRouted\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"}],\"name\":\"pubkeys\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"derivedKeyId\",\"type\":\"bytes32\"}],\"internalType\":\"structPubkeyRouter.PubkeyRoutingData\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"epochNumber\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"}],\"internalType\":\"structRootKey[]\",\"name\":\"keys\",\"type\":\"tuple[]\"}],\"name\":\"rootKeysDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"rootKeysEpoch\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"epochNumber\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"}],\"internalType\":\"structRootKey[]\",\"name\":\"keys\",\"type\":\"tuple[]\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"internalType\":\"structSignature[]\",\"name\":\"signatures\",\"type\":\"tuple[]\"}],\"name\":\"setRootKeys\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"tokenId\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"pubkey\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"stakingContract\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"keyType\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"derivedKeyId\",\"type\":\"bytes32\"}],\"name\":\"setRoutingData\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "24f5c0e39ce2966633443ac41236d6ea23",
	Bin: "0x60c060405234801561000f575f5ffd5b5060405161183838038061183883398101604081905261002e9161009b565b6001600160a01b038216158061004b57506001600160a01b038116155b156100695760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b039182166080521660a0526100cc565b80516001600160a01b0381168114610096575f5ffd5b919050565b5f5f604083850312156100ac575f5ffd5b6100b583610080565b91506100c360208401610080565b90509250929050565b60805160a0516117286101105f395f8181610166015281816106df015281816107be015281816108c5015261096201525f81816102b1015261032e01526117285ff3fe608060405234801561000f575f5ffd5b5060043610610111575f3560e01c8063a1af82e71161009e578063bfa2cdd51161006e578063bfa2cdd5146102a7578063caead0c7146102af578063cc609d27146102d5578063de18a508146102e8578063ef6fd87814610310575f5ffd5b8063a1af82e71461023f578063abf4853514610252578063b4da9d7914610274578063bd4986a014610294575f5ffd5b806325c836f9116100e457806325c836f9146101b357806334fd2800146101d35780636abcfbac146101db5780636d89f0e1146102195780637bd3e3f61461022c575f5ffd5b806301c6d03514610115578063076686231461014e5780630e9ed68b146101645780630fccbd621461019e575b5f5ffd5b610139610123366004610f00565b5f90815260208190526040902060030154151590565b60405190151581526020015b60405180910390f35b610156600181565b604051908152602001610145565b7f00000000000000000000000000000000000000000000000000000000000000005b6040516001600160a01b039091168152602001610145565b6101b16101ac366004610f77565b610323565b005b6101c66101c1366004610f00565b61052d565b6040516101459190611010565b610156600a81565b61020c60405180604001604052806012815260200171666c696e742f726f6f742d6b6579732f763160701b81525081565b604051610145919061104b565b61015661022736600461109e565b610591565b6101c661023a366004610f00565b6106ab565b6101b161024d3660046110e6565b6106dc565b610156610260366004610f00565b5f9081526020819052604090206002015490565b61028761028236600461118d565b61095e565b60405161014591906111a6565b6101866102a2366004610f00565b610ad1565b600354610156565b7f0000000000000000000000000000000000000000000000000000000000000000610186565b6101866102e336600461121d565b610b29565b6101566102f636600461118d565b6001600160a01b03165f9081526001602052604090205490565b61020c61031e366004610f00565b610b8c565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614610373576040516324a1d51360e21b81523360048201526024015b60405180910390fd5b848460405161038392919061125c565b60405190819003902086146103ae5760405163a89c96cf60e01b81526004810187905260240161036a565b5f5f5f6103bb8888610bf6565b9250925092508015806103cf575060028514155b156103ed5760405163422cc3b760e01b815260040160405180910390fd5b8361040b576040516358575a9f60e11b815260040160405180910390fd5b5f898152602081905260409020600301541561043d5760405163274dac2760e01b8152600481018a905260240161036a565b604080516080810182528481526020808201858152828401888152606084018a81525f8f8152938490529483209351845590516001808501919091559051600284015592516003909201919091558a91906104bf8686604080516020808201949094528082019290925280518083038201815260609092019052805191012090565b6001600160a01b03166001600160a01b031681526020019081526020015f2081905550887f0651cc1852188054ab1dc1f39e0a543b236620b2d303cdcf5ca15adc97c272be898989898960405161051a959493929190611293565b60405180910390a2505050505050505050565b61054f6040518060600160405280606081526020015f81526020015f81525090565b5f8281526020819052604090819020815160608101909252908061057285610b8c565b8152602001826003015481526020018260020154815250915050919050565b5f5f60405180604001604052806012815260200171666c696e742f726f6f742d6b6579732f763160701b8152504630876040516020016105d494939291906112e3565b60408051601f1981840301815291905290505f5b8381101561069a57818585838181106106035761060361131a565b9050602002810190610615919061132e565b6020013586868481811061062b5761062b61131a565b905060200281019061063d919061132e565b610647908061134c565b6040516020016106599392919061138f565b604051602081830303815290604052805190602001206040516020016106809291906113a8565b60408051601f1981840301815291905291506001016105e8565b508051602090910120949350505050565b6106cd6040518060600160405280606081526020015f81526020015f81525090565b6106d68261052d565b92915050565b5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663900cf0cf6040518163ffffffff1660e01b815260040160a060405180830381865afa158015610739573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061075d91906113c0565b60200151905080861461078d57604051631c64c31360e31b8152600481018790526024810182905260440161036a565b80600354036107b25760405163c2a90a6960e01b81526004810182905260240161036a565b6107bc8585610cd7565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316630b168a576107f6888888610591565b85856040518463ffffffff1660e01b815260040161081693929190611439565b5f6040518083038186803b15801561082c575f5ffd5b505afa15801561083e573d5f5f3e3d5ffd5b5050505060025f61084f9190610e74565b5f5b8481101561092657600286868381811061086d5761086d61131a565b905060200281019061087f919061132e565b81546001810183555f92835260209092209091600202016108a0828261152d565b50507f960d418a88263b5c477aa3833dd1f4c69784abcbc0014ec8c21fb76b7a1f145c7f00000000000000000000000000000000000000000000000000000000000000008787848181106108f6576108f661131a565b9050602002810190610908919061132e565b604051610916929190611625565b60405180910390a1600101610851565b50600381905560405181907f5fae1eb8d290443b6bef2558681efcb1529dda4da6b0f76967b706dd503807ba905f90a2505050505050565b60607f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316826001600160a01b0316146109dc57604080515f80825260208201909252906109d5565b60408051808201909152606081525f60208201528152602001906001900390816109ae5790505b5092915050565b6002805480602002602001604051908101604052809291908181526020015f905b82821015610ac6578382905f5260205f2090600202016040518060400160405290815f82018054610a2d9061149f565b80601f0160208091040260200160405190810160405280929190818152602001828054610a599061149f565b8015610aa45780601f10610a7b57610100808354040283529160200191610aa4565b820191905f5260205f20905b815481529060010190602001808311610a8757829003601f168201915b50505050508152602001600182015481525050815260200190600101906109fd565b505050509050919050565b5f81815260208190526040812060038101548203610af157505f92915050565b8054600182015460408051602080820194909452808201929092528051808303820181526060909201905280519101205b9392505050565b5f5f5f5f610b378686610bf6565b92509250925080610b5b5760405163422cc3b760e01b815260040160405180910390fd5b5060408051602080820194909452808201929092528051808303820181526060909201905280519101209392505050565b5f818152602081905260408120600381015460609203610bbb57505060408051602081019091525f8152919050565b80546001820154604051600160fa1b602082015260218101929092526041820152606101604051602081830303815290604052915050919050565b5f8080604184141580610c32575084845f818110610c1657610c1661131a565b9050013560f81c60f81b6001600160f81b031916600460f81b14155b15610c4457505f915081905080610cd0565b610c526021600186886116a5565b610c5b916116cc565b9250610c6b6041602186886116a5565b610c74916116cc565b915082826401000003d01982101580610c9357506401000003d0198110155b15610ca357505f9150610cd09050565b6401000003d01960076401000003d019846401000003d01986870909086401000003d01982830914925050505b9250925092565b610ce36001600a6116fd565b8114610d02576040516308e4749f60e11b815260040160405180910390fd5b5f805b82811015610e4d576002848483818110610d2157610d2161131a565b9050602002810190610d33919061132e565b6020013503610da8575f610d73858584818110610d5257610d5261131a565b9050602002810190610d64919061132e565b610d6e908061134c565b610bf6565b9250505080610d95576040516308e4749f60e11b815260040160405180910390fd5b82610d9f81611710565b93505050610e45565b6001848483818110610dbc57610dbc61131a565b9050602002810190610dce919061132e565b6020013503610e2c57838382818110610de957610de961131a565b9050602002810190610dfb919061132e565b610e05908061134c565b9050603014610e27576040516308e4749f60e11b815260040160405180910390fd5b610e45565b6040516308e4749f60e11b815260040160405180910390fd5b600101610d05565b50600a8114610e6f576040516308e4749f60e11b815260040160405180910390fd5b505050565b5080545f8255600202905f5260205f2090610e8f9190610e91565b565b5f5b80821115610e6f578083015f610ea98282610eba565b600182015f90555050600201610e93565b508054610ec69061149f565b5f825580601f10610ed5575050565b601f0160209004905f5260205f2090610e8f91905f5b80821115610e6f575f81840155600101610eeb565b5f60208284031215610f10575f5ffd5b5035919050565b5f5f83601f840112610f27575f5ffd5b50813567ffffffffffffffff811115610f3e575f5ffd5b602083019150836020828501011115610f55575f5ffd5b9250929050565b80356001600160a01b0381168114610f72575f5ffd5b919050565b5f5f5f5f5f5f60a08789031215610f8c575f5ffd5b86359550602087013567ffffffffffffffff811115610fa9575f5ffd5b610fb589828a01610f17565b9096509450610fc8905060408801610f5c565b959894975092956060810135946080909101359350915050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f82516060602084015261102b6080840182610fe2565b905060208401516040840152604084015160608401528091505092915050565b602081525f610b226020830184610fe2565b5f5f83601f84011261106d575f5ffd5b50813567ffffffffffffffff811115611084575f5ffd5b6020830191508360208260051b8501011115610f55575f5ffd5b5f5f5f604084860312156110b0575f5ffd5b83359250602084013567ffffffffffffffff8111156110cd575f5ffd5b6110d98682870161105d565b9497909650939450505050565b5f5f5f5f5f606086880312156110fa575f5ffd5b85359450602086013567ffffffffffffffff811115611117575f5ffd5b6111238882890161105d565b909550935050604086013567ffffffffffffffff811115611142575f5ffd5b8601601f81018813611152575f5ffd5b803567ffffffffffffffff811115611168575f5ffd5b88602060608302840101111561117c575f5ffd5b959894975092955050506020019190565b5f6020828403121561119d575f5ffd5b610b2282610f5c565b5f602082016020835280845180835260408501915060408160051b8601019250602086015f5b8281101561121157603f1987860301845281518051604087526111f26040880182610fe2565b60209283015197830197909752509384019391909101906001016111cc565b50929695505050505050565b5f5f6020838503121561122e575f5ffd5b823567ffffffffffffffff811115611244575f5ffd5b61125085828601610f17565b90969095509350505050565b818382375f9101908152919050565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b608081525f6112a660808301878961126b565b6001600160a01b0395909516602083015250604081019290925260609091015292915050565b5f81518060208401855e5f93019283525090919050565b5f6112ee82876112cc565b948552505060609190911b6bffffffffffffffffffffffff191660208301526034820152605401919050565b634e487b7160e01b5f52603260045260245ffd5b5f8235603e19833603018112611342575f5ffd5b9190910192915050565b5f5f8335601e19843603018112611361575f5ffd5b83018035915067ffffffffffffffff82111561137b575f5ffd5b602001915036819003821315610f55575f5ffd5b838152818360208301375f910160200190815292915050565b5f6113b382856112cc565b9283525050602001919050565b5f60a08284031280156113d1575f5ffd5b5060405160a0810167ffffffffffffffff8111828210171561140157634e487b7160e01b5f52604160045260245ffd5b604090815283518252602080850151908301528381015190820152606080840151908201526080928301519281019290925250919050565b83815260406020820181905281018290525f8360608301825b85811015611494578235825260208084013590830152604083013560ff811680821461147c575f5ffd5b60408401525060609283019290910190600101611452565b509695505050505050565b600181811c908216806114b357607f821691505b6020821081036114d157634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610e6f5782821115610e6f57805f5260205f20601f840160051c602085101561150257505f5b90810190601f840160051c035f5b81811015611525575f83820155600101611510565b505050505050565b8135601e19833603018112611540575f5ffd5b8201803567ffffffffffffffff81118015611559575f5ffd5b81360360208401131561156a575f5ffd5b5f9050506115828161157c855461149f565b856114d7565b5f601f8211600181146115b6575f831561159f5750838201602001355b5f19600385901b1c1916600184901b178555611612565b5f85815260208120601f198516915b828110156115e7576020858801810135835594850194600190920191016115c5565b5084821015611606575f1960f88660031b161c19602085880101351681555b505060018360011b0185555b5050505060209190910135600190910155565b6001600160a01b0383168152604060208201525f823536849003601e1901811261164d575f5ffd5b830160208101903567ffffffffffffffff811115611669575f5ffd5b803603821315611677575f5ffd5b60408085015261168b60808501828461126b565b602095909501356060949094019390935250919392505050565b5f5f858511156116b3575f5ffd5b838611156116bf575f5ffd5b5050820193919092039150565b803560208310156106d6575f19602084900360031b1b1692915050565b634e487b7160e01b5f52601160045260245ffd5b808201808211156106d6576106d66116e9565b5f60018201611721576117216116e9565b506001019056",
}

// PubkeyRouter is an auto generated Go binding around an Ethereum contract.
type PubkeyRouter struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *PubkeyRouter) GetABI() abi.ABI {
	return c.abi
}

// NewPubkeyRouter creates a new instance of PubkeyRouter.
func NewPubkeyRouter() *PubkeyRouter {
	parsed, err := PubkeyRouterMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &PubkeyRouter{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *PubkeyRouter) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address pkpNft, address staking) returns()
func (pubkeyRouter *PubkeyRouter) PackConstructor(pkpNft common.Address, staking common.Address) []byte {
	enc, err := pubkeyRouter.abi.Pack("", pkpNft, staking)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBLSROOTKEYCOUNT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07668623.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function BLS_ROOT_KEY_COUNT() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) PackBLSROOTKEYCOUNT() []byte {
	enc, err := pubkeyRouter.abi.Pack("BLS_ROOT_KEY_COUNT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBLSROOTKEYCOUNT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x07668623.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function BLS_ROOT_KEY_COUNT() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) TryPackBLSROOTKEYCOUNT() ([]byte, error) {
	return pubkeyRouter.abi.Pack("BLS_ROOT_KEY_COUNT")
}

// UnpackBLSROOTKEYCOUNT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x07668623.
//
// Solidity: function BLS_ROOT_KEY_COUNT() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) UnpackBLSROOTKEYCOUNT(data []byte) (*big.Int, error) {
	out, err := pubkeyRouter.abi.Unpack("BLS_ROOT_KEY_COUNT", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackECDSAROOTKEYCOUNT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34fd2800.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ECDSA_ROOT_KEY_COUNT() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) PackECDSAROOTKEYCOUNT() []byte {
	enc, err := pubkeyRouter.abi.Pack("ECDSA_ROOT_KEY_COUNT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackECDSAROOTKEYCOUNT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x34fd2800.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ECDSA_ROOT_KEY_COUNT() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) TryPackECDSAROOTKEYCOUNT() ([]byte, error) {
	return pubkeyRouter.abi.Pack("ECDSA_ROOT_KEY_COUNT")
}

// UnpackECDSAROOTKEYCOUNT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x34fd2800.
//
// Solidity: function ECDSA_ROOT_KEY_COUNT() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) UnpackECDSAROOTKEYCOUNT(data []byte) (*big.Int, error) {
	out, err := pubkeyRouter.abi.Unpack("ECDSA_ROOT_KEY_COUNT", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackROOTKEYSTAG is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6abcfbac.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ROOT_KEYS_TAG() view returns(bytes)
func (pubkeyRouter *PubkeyRouter) PackROOTKEYSTAG() []byte {
	enc, err := pubkeyRouter.abi.Pack("ROOT_KEYS_TAG")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackROOTKEYSTAG is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6abcfbac.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ROOT_KEYS_TAG() view returns(bytes)
func (pubkeyRouter *PubkeyRouter) TryPackROOTKEYSTAG() ([]byte, error) {
	return pubkeyRouter.abi.Pack("ROOT_KEYS_TAG")
}

// UnpackROOTKEYSTAG is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6abcfbac.
//
// Solidity: function ROOT_KEYS_TAG() view returns(bytes)
func (pubkeyRouter *PubkeyRouter) UnpackROOTKEYSTAG(data []byte) ([]byte, error) {
	out, err := pubkeyRouter.abi.Unpack("ROOT_KEYS_TAG", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackDeriveEthAddressFromPubkey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcc609d27.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deriveEthAddressFromPubkey(bytes pubkey) pure returns(address)
func (pubkeyRouter *PubkeyRouter) PackDeriveEthAddressFromPubkey(pubkey []byte) []byte {
	enc, err := pubkeyRouter.abi.Pack("deriveEthAddressFromPubkey", pubkey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeriveEthAddressFromPubkey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcc609d27.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deriveEthAddressFromPubkey(bytes pubkey) pure returns(address)
func (pubkeyRouter *PubkeyRouter) TryPackDeriveEthAddressFromPubkey(pubkey []byte) ([]byte, error) {
	return pubkeyRouter.abi.Pack("deriveEthAddressFromPubkey", pubkey)
}

// UnpackDeriveEthAddressFromPubkey is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcc609d27.
//
// Solidity: function deriveEthAddressFromPubkey(bytes pubkey) pure returns(address)
func (pubkeyRouter *PubkeyRouter) UnpackDeriveEthAddressFromPubkey(data []byte) (common.Address, error) {
	out, err := pubkeyRouter.abi.Unpack("deriveEthAddressFromPubkey", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackEthAddressToPkpId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xde18a508.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ethAddressToPkpId(address ethAddress) view returns(uint256)
func (pubkeyRouter *PubkeyRouter) PackEthAddressToPkpId(ethAddress common.Address) []byte {
	enc, err := pubkeyRouter.abi.Pack("ethAddressToPkpId", ethAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEthAddressToPkpId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xde18a508.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ethAddressToPkpId(address ethAddress) view returns(uint256)
func (pubkeyRouter *PubkeyRouter) TryPackEthAddressToPkpId(ethAddress common.Address) ([]byte, error) {
	return pubkeyRouter.abi.Pack("ethAddressToPkpId", ethAddress)
}

// UnpackEthAddressToPkpId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xde18a508.
//
// Solidity: function ethAddressToPkpId(address ethAddress) view returns(uint256)
func (pubkeyRouter *PubkeyRouter) UnpackEthAddressToPkpId(data []byte) (*big.Int, error) {
	out, err := pubkeyRouter.abi.Unpack("ethAddressToPkpId", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetDerivedKeyId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xabf48535.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getDerivedKeyId(uint256 tokenId) view returns(bytes32)
func (pubkeyRouter *PubkeyRouter) PackGetDerivedKeyId(tokenId *big.Int) []byte {
	enc, err := pubkeyRouter.abi.Pack("getDerivedKeyId", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetDerivedKeyId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xabf48535.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getDerivedKeyId(uint256 tokenId) view returns(bytes32)
func (pubkeyRouter *PubkeyRouter) TryPackGetDerivedKeyId(tokenId *big.Int) ([]byte, error) {
	return pubkeyRouter.abi.Pack("getDerivedKeyId", tokenId)
}

// UnpackGetDerivedKeyId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xabf48535.
//
// Solidity: function getDerivedKeyId(uint256 tokenId) view returns(bytes32)
func (pubkeyRouter *PubkeyRouter) UnpackGetDerivedKeyId(data []byte) ([32]byte, error) {
	out, err := pubkeyRouter.abi.Unpack("getDerivedKeyId", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGetEthAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd4986a0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getEthAddress(uint256 tokenId) view returns(address)
func (pubkeyRouter *PubkeyRouter) PackGetEthAddress(tokenId *big.Int) []byte {
	enc, err := pubkeyRouter.abi.Pack("getEthAddress", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetEthAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd4986a0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getEthAddress(uint256 tokenId) view returns(address)
func (pubkeyRouter *PubkeyRouter) TryPackGetEthAddress(tokenId *big.Int) ([]byte, error) {
	return pubkeyRouter.abi.Pack("getEthAddress", tokenId)
}

// UnpackGetEthAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbd4986a0.
//
// Solidity: function getEthAddress(uint256 tokenId) view returns(address)
func (pubkeyRouter *PubkeyRouter) UnpackGetEthAddress(data []byte) (common.Address, error) {
	out, err := pubkeyRouter.abi.Unpack("getEthAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetPkpNftAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcaead0c7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPkpNftAddress() view returns(address)
func (pubkeyRouter *PubkeyRouter) PackGetPkpNftAddress() []byte {
	enc, err := pubkeyRouter.abi.Pack("getPkpNftAddress")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPkpNftAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcaead0c7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPkpNftAddress() view returns(address)
func (pubkeyRouter *PubkeyRouter) TryPackGetPkpNftAddress() ([]byte, error) {
	return pubkeyRouter.abi.Pack("getPkpNftAddress")
}

// UnpackGetPkpNftAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcaead0c7.
//
// Solidity: function getPkpNftAddress() view returns(address)
func (pubkeyRouter *PubkeyRouter) UnpackGetPkpNftAddress(data []byte) (common.Address, error) {
	out, err := pubkeyRouter.abi.Unpack("getPkpNftAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGetPubkey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef6fd878.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPubkey(uint256 tokenId) view returns(bytes)
func (pubkeyRouter *PubkeyRouter) PackGetPubkey(tokenId *big.Int) []byte {
	enc, err := pubkeyRouter.abi.Pack("getPubkey", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPubkey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef6fd878.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPubkey(uint256 tokenId) view returns(bytes)
func (pubkeyRouter *PubkeyRouter) TryPackGetPubkey(tokenId *big.Int) ([]byte, error) {
	return pubkeyRouter.abi.Pack("getPubkey", tokenId)
}

// UnpackGetPubkey is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xef6fd878.
//
// Solidity: function getPubkey(uint256 tokenId) view returns(bytes)
func (pubkeyRouter *PubkeyRouter) UnpackGetPubkey(data []byte) ([]byte, error) {
	out, err := pubkeyRouter.abi.Unpack("getPubkey", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackGetRootKeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4da9d79.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRootKeys(address stakingContract) view returns((bytes,uint256)[])
func (pubkeyRouter *PubkeyRouter) PackGetRootKeys(stakingContract common.Address) []byte {
	enc, err := pubkeyRouter.abi.Pack("getRootKeys", stakingContract)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRootKeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4da9d79.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRootKeys(address stakingContract) view returns((bytes,uint256)[])
func (pubkeyRouter *PubkeyRouter) TryPackGetRootKeys(stakingContract common.Address) ([]byte, error) {
	return pubkeyRouter.abi.Pack("getRootKeys", stakingContract)
}

// UnpackGetRootKeys is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb4da9d79.
//
// Solidity: function getRootKeys(address stakingContract) view returns((bytes,uint256)[])
func (pubkeyRouter *PubkeyRouter) UnpackGetRootKeys(data []byte) ([]RootKey, error) {
	out, err := pubkeyRouter.abi.Unpack("getRootKeys", data)
	if err != nil {
		return *new([]RootKey), err
	}
	out0 := *abi.ConvertType(out[0], new([]RootKey)).(*[]RootKey)
	return out0, nil
}

// PackGetRoutingData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x25c836f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRoutingData(uint256 tokenId) view returns((bytes,uint256,bytes32))
func (pubkeyRouter *PubkeyRouter) PackGetRoutingData(tokenId *big.Int) []byte {
	enc, err := pubkeyRouter.abi.Pack("getRoutingData", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRoutingData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x25c836f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRoutingData(uint256 tokenId) view returns((bytes,uint256,bytes32))
func (pubkeyRouter *PubkeyRouter) TryPackGetRoutingData(tokenId *big.Int) ([]byte, error) {
	return pubkeyRouter.abi.Pack("getRoutingData", tokenId)
}

// UnpackGetRoutingData is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x25c836f9.
//
// Solidity: function getRoutingData(uint256 tokenId) view returns((bytes,uint256,bytes32))
func (pubkeyRouter *PubkeyRouter) UnpackGetRoutingData(data []byte) (PubkeyRouterPubkeyRoutingData, error) {
	out, err := pubkeyRouter.abi.Unpack("getRoutingData", data)
	if err != nil {
		return *new(PubkeyRouterPubkeyRoutingData), err
	}
	out0 := *abi.ConvertType(out[0], new(PubkeyRouterPubkeyRoutingData)).(*PubkeyRouterPubkeyRoutingData)
	return out0, nil
}

// PackGetStakingAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e9ed68b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getStakingAddress() view returns(address)
func (pubkeyRouter *PubkeyRouter) PackGetStakingAddress() []byte {
	enc, err := pubkeyRouter.abi.Pack("getStakingAddress")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetStakingAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e9ed68b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getStakingAddress() view returns(address)
func (pubkeyRouter *PubkeyRouter) TryPackGetStakingAddress() ([]byte, error) {
	return pubkeyRouter.abi.Pack("getStakingAddress")
}

// UnpackGetStakingAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0e9ed68b.
//
// Solidity: function getStakingAddress() view returns(address)
func (pubkeyRouter *PubkeyRouter) UnpackGetStakingAddress(data []byte) (common.Address, error) {
	out, err := pubkeyRouter.abi.Unpack("getStakingAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsRouted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01c6d035.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRouted(uint256 tokenId) view returns(bool)
func (pubkeyRouter *PubkeyRouter) PackIsRouted(tokenId *big.Int) []byte {
	enc, err := pubkeyRouter.abi.Pack("isRouted", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRouted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01c6d035.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRouted(uint256 tokenId) view returns(bool)
func (pubkeyRouter *PubkeyRouter) TryPackIsRouted(tokenId *big.Int) ([]byte, error) {
	return pubkeyRouter.abi.Pack("isRouted", tokenId)
}

// UnpackIsRouted is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01c6d035.
//
// Solidity: function isRouted(uint256 tokenId) view returns(bool)
func (pubkeyRouter *PubkeyRouter) UnpackIsRouted(data []byte) (bool, error) {
	out, err := pubkeyRouter.abi.Unpack("isRouted", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackPubkeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7bd3e3f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pubkeys(uint256 tokenId) view returns((bytes,uint256,bytes32))
func (pubkeyRouter *PubkeyRouter) PackPubkeys(tokenId *big.Int) []byte {
	enc, err := pubkeyRouter.abi.Pack("pubkeys", tokenId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPubkeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7bd3e3f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pubkeys(uint256 tokenId) view returns((bytes,uint256,bytes32))
func (pubkeyRouter *PubkeyRouter) TryPackPubkeys(tokenId *big.Int) ([]byte, error) {
	return pubkeyRouter.abi.Pack("pubkeys", tokenId)
}

// UnpackPubkeys is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7bd3e3f6.
//
// Solidity: function pubkeys(uint256 tokenId) view returns((bytes,uint256,bytes32))
func (pubkeyRouter *PubkeyRouter) UnpackPubkeys(data []byte) (PubkeyRouterPubkeyRoutingData, error) {
	out, err := pubkeyRouter.abi.Unpack("pubkeys", data)
	if err != nil {
		return *new(PubkeyRouterPubkeyRoutingData), err
	}
	out0 := *abi.ConvertType(out[0], new(PubkeyRouterPubkeyRoutingData)).(*PubkeyRouterPubkeyRoutingData)
	return out0, nil
}

// PackRootKeysDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d89f0e1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rootKeysDigest(uint256 epochNumber, (bytes,uint256)[] keys) view returns(bytes32)
func (pubkeyRouter *PubkeyRouter) PackRootKeysDigest(epochNumber *big.Int, keys []RootKey) []byte {
	enc, err := pubkeyRouter.abi.Pack("rootKeysDigest", epochNumber, keys)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRootKeysDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d89f0e1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rootKeysDigest(uint256 epochNumber, (bytes,uint256)[] keys) view returns(bytes32)
func (pubkeyRouter *PubkeyRouter) TryPackRootKeysDigest(epochNumber *big.Int, keys []RootKey) ([]byte, error) {
	return pubkeyRouter.abi.Pack("rootKeysDigest", epochNumber, keys)
}

// UnpackRootKeysDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6d89f0e1.
//
// Solidity: function rootKeysDigest(uint256 epochNumber, (bytes,uint256)[] keys) view returns(bytes32)
func (pubkeyRouter *PubkeyRouter) UnpackRootKeysDigest(data []byte) ([32]byte, error) {
	out, err := pubkeyRouter.abi.Unpack("rootKeysDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRootKeysEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbfa2cdd5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rootKeysEpoch() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) PackRootKeysEpoch() []byte {
	enc, err := pubkeyRouter.abi.Pack("rootKeysEpoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRootKeysEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbfa2cdd5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rootKeysEpoch() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) TryPackRootKeysEpoch() ([]byte, error) {
	return pubkeyRouter.abi.Pack("rootKeysEpoch")
}

// UnpackRootKeysEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbfa2cdd5.
//
// Solidity: function rootKeysEpoch() view returns(uint256)
func (pubkeyRouter *PubkeyRouter) UnpackRootKeysEpoch(data []byte) (*big.Int, error) {
	out, err := pubkeyRouter.abi.Unpack("rootKeysEpoch", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSetRootKeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa1af82e7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setRootKeys(uint256 epochNumber, (bytes,uint256)[] keys, (bytes32,bytes32,uint8)[] signatures) returns()
func (pubkeyRouter *PubkeyRouter) PackSetRootKeys(epochNumber *big.Int, keys []RootKey, signatures []Signature) []byte {
	enc, err := pubkeyRouter.abi.Pack("setRootKeys", epochNumber, keys, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetRootKeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa1af82e7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setRootKeys(uint256 epochNumber, (bytes,uint256)[] keys, (bytes32,bytes32,uint8)[] signatures) returns()
func (pubkeyRouter *PubkeyRouter) TryPackSetRootKeys(epochNumber *big.Int, keys []RootKey, signatures []Signature) ([]byte, error) {
	return pubkeyRouter.abi.Pack("setRootKeys", epochNumber, keys, signatures)
}

// PackSetRoutingData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0fccbd62.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setRoutingData(uint256 tokenId, bytes pubkey, address stakingContract, uint256 keyType, bytes32 derivedKeyId) returns()
func (pubkeyRouter *PubkeyRouter) PackSetRoutingData(tokenId *big.Int, pubkey []byte, stakingContract common.Address, keyType *big.Int, derivedKeyId [32]byte) []byte {
	enc, err := pubkeyRouter.abi.Pack("setRoutingData", tokenId, pubkey, stakingContract, keyType, derivedKeyId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetRoutingData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0fccbd62.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setRoutingData(uint256 tokenId, bytes pubkey, address stakingContract, uint256 keyType, bytes32 derivedKeyId) returns()
func (pubkeyRouter *PubkeyRouter) TryPackSetRoutingData(tokenId *big.Int, pubkey []byte, stakingContract common.Address, keyType *big.Int, derivedKeyId [32]byte) ([]byte, error) {
	return pubkeyRouter.abi.Pack("setRoutingData", tokenId, pubkey, stakingContract, keyType, derivedKeyId)
}

// PubkeyRouterPubkeyRoutingDataSet represents a PubkeyRoutingDataSet event raised by the PubkeyRouter contract.
type PubkeyRouterPubkeyRoutingDataSet struct {
	TokenId         *big.Int
	Pubkey          []byte
	StakingContract common.Address
	KeyType         *big.Int
	DerivedKeyId    [32]byte
	Raw             *types.Log // Blockchain specific contextual infos
}

const PubkeyRouterPubkeyRoutingDataSetEventName = "PubkeyRoutingDataSet"

// ContractEventName returns the user-defined event name.
func (PubkeyRouterPubkeyRoutingDataSet) ContractEventName() string {
	return PubkeyRouterPubkeyRoutingDataSetEventName
}

// UnpackPubkeyRoutingDataSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PubkeyRoutingDataSet(uint256 indexed tokenId, bytes pubkey, address stakingContract, uint256 keyType, bytes32 derivedKeyId)
func (pubkeyRouter *PubkeyRouter) UnpackPubkeyRoutingDataSetEvent(log *types.Log) (*PubkeyRouterPubkeyRoutingDataSet, error) {
	event := "PubkeyRoutingDataSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pubkeyRouter.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PubkeyRouterPubkeyRoutingDataSet)
	if len(log.Data) > 0 {
		if err := pubkeyRouter.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pubkeyRouter.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PubkeyRouterRootKeySet represents a RootKeySet event raised by the PubkeyRouter contract.
type PubkeyRouterRootKeySet struct {
	StakingContract common.Address
	RootKey         RootKey
	Raw             *types.Log // Blockchain specific contextual infos
}

const PubkeyRouterRootKeySetEventName = "RootKeySet"

// ContractEventName returns the user-defined event name.
func (PubkeyRouterRootKeySet) ContractEventName() string {
	return PubkeyRouterRootKeySetEventName
}

// UnpackRootKeySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RootKeySet(address stakingContract, (bytes,uint256) rootKey)
func (pubkeyRouter *PubkeyRouter) UnpackRootKeySetEvent(log *types.Log) (*PubkeyRouterRootKeySet, error) {
	event := "RootKeySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pubkeyRouter.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PubkeyRouterRootKeySet)
	if len(log.Data) > 0 {
		if err := pubkeyRouter.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pubkeyRouter.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// PubkeyRouterRootKeysSet represents a RootKeysSet event raised by the PubkeyRouter contract.
type PubkeyRouterRootKeysSet struct {
	Epoch *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const PubkeyRouterRootKeysSetEventName = "RootKeysSet"

// ContractEventName returns the user-defined event name.
func (PubkeyRouterRootKeysSet) ContractEventName() string {
	return PubkeyRouterRootKeysSetEventName
}

// UnpackRootKeysSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RootKeysSet(uint256 indexed epoch)
func (pubkeyRouter *PubkeyRouter) UnpackRootKeysSetEvent(log *types.Log) (*PubkeyRouterRootKeysSet, error) {
	event := "RootKeysSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != pubkeyRouter.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(PubkeyRouterRootKeysSet)
	if len(log.Data) > 0 {
		if err := pubkeyRouter.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range pubkeyRouter.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (pubkeyRouter *PubkeyRouter) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["AlreadyRouted"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackAlreadyRoutedError(raw[4:])
	}
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["InvalidKeyId"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackInvalidKeyIdError(raw[4:])
	}
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["InvalidPubkey"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackInvalidPubkeyError(raw[4:])
	}
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["InvalidRootKeys"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackInvalidRootKeysError(raw[4:])
	}
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["NotPKPNFT"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackNotPKPNFTError(raw[4:])
	}
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["RootKeysAlreadySet"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackRootKeysAlreadySetError(raw[4:])
	}
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["TokenIdMismatch"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackTokenIdMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["WrongEpoch"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackWrongEpochError(raw[4:])
	}
	if bytes.Equal(raw[:4], pubkeyRouter.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return pubkeyRouter.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// PubkeyRouterAlreadyRouted represents a AlreadyRouted error raised by the PubkeyRouter contract.
type PubkeyRouterAlreadyRouted struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyRouted(uint256 tokenId)
func PubkeyRouterAlreadyRoutedErrorID() common.Hash {
	return common.HexToHash("0x274dac275bfee75eefc8161ab87d1880f4dbd2fac26a986e114fe5575f396a3f")
}

// UnpackAlreadyRoutedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyRouted(uint256 tokenId)
func (pubkeyRouter *PubkeyRouter) UnpackAlreadyRoutedError(raw []byte) (*PubkeyRouterAlreadyRouted, error) {
	out := new(PubkeyRouterAlreadyRouted)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "AlreadyRouted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterInvalidKeyId represents a InvalidKeyId error raised by the PubkeyRouter contract.
type PubkeyRouterInvalidKeyId struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidKeyId()
func PubkeyRouterInvalidKeyIdErrorID() common.Hash {
	return common.HexToHash("0xb0aeb53e4a83bd3cc8ab2c55982004930d12942a439bdf74bdc4a5d0805f9e0c")
}

// UnpackInvalidKeyIdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidKeyId()
func (pubkeyRouter *PubkeyRouter) UnpackInvalidKeyIdError(raw []byte) (*PubkeyRouterInvalidKeyId, error) {
	out := new(PubkeyRouterInvalidKeyId)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "InvalidKeyId", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterInvalidPubkey represents a InvalidPubkey error raised by the PubkeyRouter contract.
type PubkeyRouterInvalidPubkey struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidPubkey()
func PubkeyRouterInvalidPubkeyErrorID() common.Hash {
	return common.HexToHash("0x422cc3b728e9d2e85fcf8eb860f666fb30de4eaf9347126d1efaea29e5e968c1")
}

// UnpackInvalidPubkeyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidPubkey()
func (pubkeyRouter *PubkeyRouter) UnpackInvalidPubkeyError(raw []byte) (*PubkeyRouterInvalidPubkey, error) {
	out := new(PubkeyRouterInvalidPubkey)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "InvalidPubkey", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterInvalidRootKeys represents a InvalidRootKeys error raised by the PubkeyRouter contract.
type PubkeyRouterInvalidRootKeys struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidRootKeys()
func PubkeyRouterInvalidRootKeysErrorID() common.Hash {
	return common.HexToHash("0x11c8e93e183bbdbb378e69ec56cfba65627e5dbd21ba8c338715e01d210af6f1")
}

// UnpackInvalidRootKeysError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidRootKeys()
func (pubkeyRouter *PubkeyRouter) UnpackInvalidRootKeysError(raw []byte) (*PubkeyRouterInvalidRootKeys, error) {
	out := new(PubkeyRouterInvalidRootKeys)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "InvalidRootKeys", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterNotPKPNFT represents a NotPKPNFT error raised by the PubkeyRouter contract.
type PubkeyRouterNotPKPNFT struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPKPNFT(address caller)
func PubkeyRouterNotPKPNFTErrorID() common.Hash {
	return common.HexToHash("0x9287544c74a94b81bf4473063192e515e3f12b6df615a13149aa4f3dc32bcd87")
}

// UnpackNotPKPNFTError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPKPNFT(address caller)
func (pubkeyRouter *PubkeyRouter) UnpackNotPKPNFTError(raw []byte) (*PubkeyRouterNotPKPNFT, error) {
	out := new(PubkeyRouterNotPKPNFT)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "NotPKPNFT", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterRootKeysAlreadySet represents a RootKeysAlreadySet error raised by the PubkeyRouter contract.
type PubkeyRouterRootKeysAlreadySet struct {
	Epoch *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RootKeysAlreadySet(uint256 epoch)
func PubkeyRouterRootKeysAlreadySetErrorID() common.Hash {
	return common.HexToHash("0xc2a90a69480deb27e3a04ef78de3a9e8dc60931c12025c2a9751b6f0bc5122dd")
}

// UnpackRootKeysAlreadySetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RootKeysAlreadySet(uint256 epoch)
func (pubkeyRouter *PubkeyRouter) UnpackRootKeysAlreadySetError(raw []byte) (*PubkeyRouterRootKeysAlreadySet, error) {
	out := new(PubkeyRouterRootKeysAlreadySet)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "RootKeysAlreadySet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterTokenIdMismatch represents a TokenIdMismatch error raised by the PubkeyRouter contract.
type PubkeyRouterTokenIdMismatch struct {
	TokenId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TokenIdMismatch(uint256 tokenId)
func PubkeyRouterTokenIdMismatchErrorID() common.Hash {
	return common.HexToHash("0xa89c96cf3495384cd2730d68416a2f8b4f8c53c7fca992586b27398ea168cb05")
}

// UnpackTokenIdMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TokenIdMismatch(uint256 tokenId)
func (pubkeyRouter *PubkeyRouter) UnpackTokenIdMismatchError(raw []byte) (*PubkeyRouterTokenIdMismatch, error) {
	out := new(PubkeyRouterTokenIdMismatch)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "TokenIdMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterWrongEpoch represents a WrongEpoch error raised by the PubkeyRouter contract.
type PubkeyRouterWrongEpoch struct {
	Given   *big.Int
	Current *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongEpoch(uint256 given, uint256 current)
func PubkeyRouterWrongEpochErrorID() common.Hash {
	return common.HexToHash("0xe3261898596e0465dd618f6b52ab21052539edc138a30c241fcf8a66e186316a")
}

// UnpackWrongEpochError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongEpoch(uint256 given, uint256 current)
func (pubkeyRouter *PubkeyRouter) UnpackWrongEpochError(raw []byte) (*PubkeyRouterWrongEpoch, error) {
	out := new(PubkeyRouterWrongEpoch)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "WrongEpoch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// PubkeyRouterZeroAddress represents a ZeroAddress error raised by the PubkeyRouter contract.
type PubkeyRouterZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func PubkeyRouterZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (pubkeyRouter *PubkeyRouter) UnpackZeroAddressError(raw []byte) (*PubkeyRouterZeroAddress, error) {
	out := new(PubkeyRouterZeroAddress)
	if err := pubkeyRouter.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingMetaData contains all meta data concerning the Staking contract.
var StakingMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"AlreadySignalledReady\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"DkgKeyAlreadySet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"holder\",\"type\":\"address\"}],\"name\":\"DkgKeyInUse\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"DuplicateSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"}],\"name\":\"EndpointInUse\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"maxIndex\",\"type\":\"uint256\"}],\"name\":\"IndicesExhausted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"InvalidDkgKey\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"}],\"name\":\"InvalidEndpoint\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidEpochLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"threshold\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nodeCount\",\"type\":\"uint256\"}],\"name\":\"InvalidThreshold\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidTransportKey\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"JoinAlreadyRequested\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"JoinRequestChanged\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"LeaveAlreadyRequested\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"NoJoinRequest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"NoLeaveRequest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"NodeAlreadyRegistered\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"NodeNotRegistered\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotARefresh\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"NotEnoughSignatures\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"NotInNextSet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"enumStaking.States\",\"name\":\"current\",\"type\":\"uint8\"}],\"name\":\"NotReadyForNextEpoch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"RefreshDisabled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"endTime\",\"type\":\"uint256\"}],\"name\":\"RefreshNotDue\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"max\",\"type\":\"uint256\"}],\"name\":\"TooManyNodes\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"max\",\"type\":\"uint256\"}],\"name\":\"TooManyPendingJoins\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"holder\",\"type\":\"address\"}],\"name\":\"TransportKeyInUse\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"UnknownSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"WrongLock\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"}],\"name\":\"WrongNextEpoch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"enumStaking.States\",\"name\":\"current\",\"type\":\"uint8\"},{\"internalType\":\"enumStaking.States\",\"name\":\"needed\",\"type\":\"uint8\"}],\"name\":\"WrongState\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"DkgKeySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"number\",\"type\":\"uint256\"}],\"name\":\"EpochAdvanced\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"newEpochLength\",\"type\":\"uint256\"}],\"name\":\"EpochLengthSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"JoinApproved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"JoinCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"}],\"name\":\"JoinRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"LeaveCancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"kicked\",\"type\":\"bool\"}],\"name\":\"LeaveRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nextEpoch\",\"type\":\"uint256\"}],\"name\":\"NextValidatorSetLocked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nextEpoch\",\"type\":\"uint256\"}],\"name\":\"NextValidatorSetUnlocked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"}],\"name\":\"NodeAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"NodeRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nextEpoch\",\"type\":\"uint256\"}],\"name\":\"ReadyForNextEpochSignalled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"enumStaking.States\",\"name\":\"newState\",\"type\":\"uint8\"}],\"name\":\"StateChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"threshold\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"fixedByOwner\",\"type\":\"bool\"}],\"name\":\"ThresholdSet\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"DKG_KEY_LENGTH\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_INDEX\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_NODES\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_PENDING_JOINS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"senderPubKey\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"receiverPubKey\",\"type\":\"uint256\"}],\"name\":\"addNode\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"advanceEpoch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"request\",\"type\":\"bytes32\"}],\"name\":\"approveJoin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"cancelJoin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"cancelLeave\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"r\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"internalType\":\"structSignature[]\",\"name\":\"signatures\",\"type\":\"tuple[]\"}],\"name\":\"checkNodeSignatures\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"currentValidatorCountForConsensus\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"dkgKey\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"nodeAddresses\",\"type\":\"address[]\"}],\"name\":\"dkgKeysOf\",\"outputs\":[{\"internalType\":\"bytes[]\",\"name\":\"keys\",\"type\":\"bytes[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"epoch\",\"outputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"epochLength\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"number\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"endTime\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"retries\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structEpoch\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getActiveUnkickedValidatorStructsAndCounts\",\"outputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"epochLength\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"number\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"endTime\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"retries\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structEpoch\",\"name\":\"\",\"type\":\"tuple\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint128\",\"name\":\"ipv6\",\"type\":\"uint128\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"senderPubKey\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"receiverPubKey\",\"type\":\"uint256\"}],\"internalType\":\"structValidator[]\",\"name\":\"\",\"type\":\"tuple[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getDkgKeys\",\"outputs\":[{\"internalType\":\"bytes[]\",\"name\":\"\",\"type\":\"bytes[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getNextValidatorSet\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"nextEpoch\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nextThreshold\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint128\",\"name\":\"ipv6\",\"type\":\"uint128\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"senderPubKey\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"receiverPubKey\",\"type\":\"uint256\"}],\"internalType\":\"structValidator[]\",\"name\":\"nodes\",\"type\":\"tuple[]\"},{\"internalType\":\"uint256[]\",\"name\":\"indices\",\"type\":\"uint256[]\"},{\"internalType\":\"bool[]\",\"name\":\"ready\",\"type\":\"bool[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getPendingJoins\",\"outputs\":[{\"components\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint128\",\"name\":\"ipv6\",\"type\":\"uint128\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"senderPubKey\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"receiverPubKey\",\"type\":\"uint256\"}],\"internalType\":\"structValidator[]\",\"name\":\"nodes\",\"type\":\"tuple[]\"},{\"internalType\":\"bool[]\",\"name\":\"approved\",\"type\":\"bool[]\"},{\"internalType\":\"bytes[]\",\"name\":\"dkgKeys\",\"type\":\"bytes[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getPendingLeaves\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getValidatorIndicesInCurrentEpoch\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getValidatorsInCurrentEpoch\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"\",\"type\":\"address[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getValidatorsInCurrentEpochLength\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"getValidatorsStructsInCurrentEpoch\",\"outputs\":[{\"components\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint128\",\"name\":\"ipv6\",\"type\":\"uint128\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"senderPubKey\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"receiverPubKey\",\"type\":\"uint256\"}],\"internalType\":\"structValidator[]\",\"name\":\"\",\"type\":\"tuple[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isActiveValidator\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isActiveValidatorByNodeAddress\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"isRefreshLock\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"joinRequestDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"kickValidatorInNextEpoch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lockForRefresh\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lockNumber\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"nextThreshold\",\"type\":\"uint256\"}],\"name\":\"lockValidatorsForNextEpoch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"nodeIndex\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"rejectJoin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"removeNode\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"senderPubKey\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"receiverPubKey\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"dkgKey_\",\"type\":\"bytes\"}],\"name\":\"requestToJoin\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"requestToLeave\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"key\",\"type\":\"bytes\"}],\"name\":\"setDkgKey\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"newEpochLength\",\"type\":\"uint256\"}],\"name\":\"setEpochLength\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"t\",\"type\":\"uint256\"}],\"name\":\"setThreshold\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"epochNumber\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"lock\",\"type\":\"uint256\"}],\"name\":\"signalReadyForNextEpoch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"state\",\"outputs\":[{\"internalType\":\"enumStaking.States\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"threshold\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"thresholdFixed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unlockValidatorsForNextEpoch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"useDefaultThreshold\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"}],\"name\":\"validators\",\"outputs\":[{\"components\":[{\"internalType\":\"uint32\",\"name\":\"ip\",\"type\":\"uint32\"},{\"internalType\":\"uint128\",\"name\":\"ipv6\",\"type\":\"uint128\"},{\"internalType\":\"uint32\",\"name\":\"port\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"nodeAddress\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"senderPubKey\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"receiverPubKey\",\"type\":\"uint256\"}],\"internalType\":\"structValidator\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "313022a15e69f358095f7139e3b0d482ec",
	Bin: "0x608060405234801561000f575f5ffd5b5060405161468338038061468383398101604081905261002e91610124565b806001600160a01b03811661005c57604051631e4fbdf760e01b81525f600482015260240160405180910390fd5b610065816100d5565b506040518060a00160405280610e1081526020016001815260200142610e1061008e9190610151565b81525f6020808301829052603c6040938401528351600155830151600255908201516003556060820151600455608090910151600555805460ff60a01b1916905550610176565b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b5f60208284031215610134575f5ffd5b81516001600160a01b038116811461014a575f5ffd5b9392505050565b8082018082111561017057634e487b7160e01b5f52601160045260245ffd5b92915050565b614500806101835f395ff3fe608060405234801561000f575f5ffd5b50600436106102b1575f3560e01c80638da5cb5b1161017b578063c006e00b116100e4578063e7c087201161009e578063f44bf5c711610079578063f44bf5c7146105c2578063fa52c7d8146105e2578063fcf16b5814610602578063fedfb6fe14610615575f5ffd5b8063e7c0872014610581578063f2fde38b14610596578063f38669a5146105a9575f5ffd5b8063c006e00b1461050a578063c19d93fb14610512578063c51d020e14610532578063d3ea25f014610549578063d4818fca14610551578063d673de4614610559575f5ffd5b8063960bfe0411610135578063960bfe04146104c15780639a25bdee146104d4578063a25e49a414610365578063a6e74710146104e7578063ac2f8afe146104ef578063b2b99ec9146104f7575f5ffd5b80638da5cb5b1461045b5780638f16e1cd14610475578063900cf0cf1461047e5780639196fac8146104935780639435d7c71461049b57806394af1357146104ae575f5ffd5b806345c1b1fb1161021d57806364e2c0db116101d757806364e2c0db14610415578063715018a614610428578063857b76631461043057806387c69f1c146104385780638a539cbe1461044b5780638c3b40a114610453575f5ffd5b806345c1b1fb146103af5780634e3874a0146103c25780634f640678146103d7578063502bd34d146103e257806354eea796146103ed578063582d00db14610400575f5ffd5b80633704ea541161026e5780633704ea54146103335780633c9c0abc1461034a5780633cf80e6c1461035d57806340550a1c1461036557806342cde4e81461039f57806343cb0a0e146103a7575f5ffd5b80630b168a57146102b55780630fd7aa50146102ca578063163734e1146102dd5780631a8ea798146102f85780631f3032801461030d57806332cb602e14610320575b5f5ffd5b6102c86102c3366004613afc565b61061d565b005b6102c86102d8366004613bd0565b6107b8565b6102e5604081565b6040519081526020015b60405180910390f35b610300610a88565b6040516102ef9190613c42565b6102c861031b366004613ca3565b610ae8565b6102c861032e366004613cbc565b610c1a565b61033b610dc7565b6040516102ef93929190613e5a565b6102c8610358366004613ca3565b610ea9565b6102c8610f0a565b61038f610373366004613ca3565b6001600160a01b03165f90815260076020526040902054151590565b60405190151581526020016102ef565b6102e5611278565b6102e56112b9565b6102c86103bd366004613e9c565b6112dd565b6103ca61133a565b6040516102ef9190613eb3565b600e5460ff1661038f565b601e5460ff1661038f565b6102c86103fb366004613e9c565b611346565b6104086113bf565b6040516102ef9190613ef5565b6103ca610423366004613f07565b6113cb565b6102c8611521565b610300611534565b6102e5610446366004613ca3565b611592565b6102e560ff81565b6102c8611645565b5f546040516001600160a01b0390911681526020016102ef565b6102e561010081565b61048661169d565b6040516102ef9190613f76565b6102c86116ff565b6102c86104a9366004613ca3565b61184a565b6102c86104bc366004613fb5565b6118a9565b6102c86104cf366004613e9c565b611b64565b6102c86104e2366004614006565b611c71565b601d546102e5565b6102c8611ea5565b6102c8610505366004613ca3565b611efb565b6102c8612150565b5f5461052590600160a01b900460ff1681565b6040516102ef919061405a565b61053a612222565b6040516102ef93929190614068565b6102e5603081565b6006546102e5565b6102e5610567366004613ca3565b6001600160a01b03165f9081526008602052604090205490565b6105896122a9565b6040516102ef91906140c1565b6102c86105a4366004613ca3565b6122b5565b6105b16122ef565b6040516102ef9594939291906140d3565b6105d56105d0366004613ca3565b6123fc565b6040516102ef9190614123565b6105f56105f0366004613ca3565b6124a5565b6040516102ef9190614135565b6102c8610610366004614143565b612534565b6102c8612653565b5f6106266112b9565b90508082101561065857604051633ce0c9e960e11b815260048101839052602481018290526044015b60405180910390fd5b5f805b838110156107b0575f5f6106cf8888888681811061067b5761067b61416b565b9050606002016040016020810190610693919061417f565b8989878181106106a5576106a561416b565b9050606002015f01358a8a888181106106c0576106c061416b565b905060600201602001356126f1565b5090925090505f8160038111156106e8576106e8614026565b1461070957604051630a57f30960e31b81526004810184905260240161064f565b6001600160a01b0382165f90815260076020526040812054900361074b57604051636bf4516160e11b81526001600160a01b038316600482015260240161064f565b6001600160a01b0382165f9081526008602052604081205461076f906001906141b3565b6001901b9050848116156107a157604051637010e27960e11b81526001600160a01b038416600482015260240161064f565b9390931792505060010161065b565b505050505050565b5f805f54600160a01b900460ff1660058111156107d7576107d7614026565b14610804575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b335f818152600760205260409020541561083c5760405163295548e560e01b81526001600160a01b038216600482015260240161064f565b6001600160a01b0381165f908152601260205260409020541561087d576040516303f607fd60e51b81526001600160a01b038216600482015260240161064f565b6011546040116108a4576040805163599a179360e11b815260040161064f91815260200190565b603083146108c857604051637cb94b9160e11b81526004810184905260240161064f565b6108d581898989896127b9565b6109148185858080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061292792505050565b601180546001810182557f31ecc21a745e3968a04e9570e4425bc18fa8019c68028196b546d1669c200c680180546001600160a01b0319166001600160a01b03841690811790915590545f918252601260205260409091205561097a8888838989612993565b6001600160a01b038083165f90815260096020908152604080832085518154878501518885015163ffffffff908116600160a01b0263ffffffff60a01b196001600160801b03909316640100000000026001600160a01b0319948516929095169190911793909317169190911782556060870151600183018054919097169116179094556080850151600285015560a0850151600385015560c090940151600490930192909255600f90915220610a32848683614284565b506040805163ffffffff808b168252891660208201526001600160a01b038316917f0795ef75f633837b1ca3f5c1aa23d4537bad99c716c2cada7652f1dca2b71da2910160405180910390a25050505050505050565b60606014805480602002602001604051908101604052809291908181526020018280548015610ade57602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610ac0575b5050505050905090565b5f805f54600160a01b900460ff166005811115610b0757610b07614026565b14610b34575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b5f546001600160a01b03163314801590610b785750336001600160a01b038316141580610b7857506001600160a01b0382165f9081526016602052604090205460ff165b15610b985760405163118cdaa760e01b815233600482015260240161064f565b6001600160a01b0382165f908152601560205260408120549003610bda57604051633d7dbddb60e21b81526001600160a01b038316600482015260240161064f565b610be3826129e8565b6040516001600160a01b038316907f07232e8d5da2087080ac40b44f86668ddd0319965e038784d26edddcf098df0d905f90a25050565b5f805f54600160a01b900460ff166005811115610c3957610c39614026565b14610c66575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b335f908152600760205260408120549003610c9657604051639c3baaed60e01b815233600482015260240161064f565b60308214610cba57604051637cb94b9160e11b81526004810183905260240161064f565b335f908152600f602052604090208054610cd3906141f5565b159050610cf557604051633f84ac3d60e11b815233600482015260240161064f565b610d343384848080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061292792505050565b335f908152600f60205260409020610d4d838583614284565b5033600c5f8585604051610d6292919061433d565b60408051918290039091208252602082019290925281015f90812080546001600160a01b0319166001600160a01b0394909416939093179092555133917fa0e5e24dd1c4b3076df5bda369b8d73ce00aada8104e79474df666b80bf102db91a2505050565b6060806060610dd66011612b2a565b9250610de26011612c5f565b6011549091506001600160401b03811115610dff57610dff6141e1565b604051908082528060200260200182016040528015610e28578160200160208202803683370190505b5091505f5b601154811015610ea35760135f60118381548110610e4d57610e4d61416b565b5f9182526020808320909101546001600160a01b03168352820192909252604001902054835160ff90911690849083908110610e8b57610e8b61416b565b91151560209283029190910190910152600101610e2d565b50909192565b610eb1612da0565b5f805f54600160a01b900460ff166005811115610ed057610ed0614026565b14610efd575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b610f0682612dcc565b5050565b60025f54600160a01b900460ff166005811115610f2957610f29614026565b14610f54575f546040516334ac42e560e11b815261064f91600160a01b900460ff169060040161405a565b601e5460ff16158015610f7157505f546001600160a01b03163314155b15610f8f5760405163920e92c960e01b815260040160405180910390fd5b5f5b60065481101561102a575f60068281548110610faf57610faf61416b565b5f9182526020808320909101546001600160a01b0316808352600790915260408220919091559050610fe081612e56565b61102157610fed81612e96565b6040516001600160a01b038216907fcfc24166db4bb677e857cacabd1541fb2b30645021b27c5130419589b84db52b905f90a25b50600101610f91565b505f5b601754811015611111575f6017828154811061104b5761104b61416b565b5f918252602090912001546001600160a01b0316905061106c82600161434c565b6001600160a01b0382165f90815260076020908152604080832093909355601290522054156111085761109e81612f11565b6001600160a01b0381165f818152600960209081526040918290208054835163ffffffff8083168252600160a01b9092049091169281019290925292917ff87fe2c5cb80c8909c45582f2a7af3e33a9aea14480b60ebe4d967a86230ed68910160405180910390a2505b5060010161102d565b50600661111f601782614376565b505b601454156111bb57601480545f919061113c906001906141b3565b8154811061114c5761114c61416b565b5f9182526020808320909101546001600160a01b031680835260158252604080842084905560169092529120805460ff191690556014805491925090806111955761119561441b565b5f8281526020902081015f1990810180546001600160a01b031916905501905550611121565b601b54600d55601c54600e805460ff191660ff90921615159190911790556111e1613053565b6001806001015f8282546111f5919061434c565b9091555050600154611207904261434c565b6003555f6004819055805460ff60a01b191690556002546040519081527fb7f0e37f8e78f28f1f21b98f426d307e949c22f2997ca4b562ee90c3e5b30b30906020015b60405180910390a15f5160206144e05f395f51905f525f60405161126e919061405a565b60405180910390a1565b600e545f9060ff161561128c5750600d5490565b60065480156112b15760036112a26001836141b3565b6112ac919061442f565b6112b3565b5f5b91505090565b5f6112c2611278565b6112cd90600261435f565b6112d890600161434c565b905090565b6112e5612da0565b5f805f54600160a01b900460ff16600581111561130457611304614026565b14611331575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b610f06826130bc565b60606112d86006612c5f565b61134e612da0565b6001600160401b03811115611376576040516388ac089760e01b815260040160405180910390fd5b6001819055611385814261434c565b6003556040518181527f5f15d41eab42cb3f8a5c9e8cd44043648cb85a815522c5f4ae5a32597a8447a0906020015b60405180910390a150565b60606112d86006613480565b6060816001600160401b038111156113e5576113e56141e1565b60405190808252806020026020018201604052801561141857816020015b60608152602001906001900390816114035790505b5090505f5b8281101561151a57600f5f85858481811061143a5761143a61416b565b905060200201602081019061144f9190613ca3565b6001600160a01b03166001600160a01b031681526020019081526020015f208054611479906141f5565b80601f01602080910402602001604051908101604052809291908181526020018280546114a5906141f5565b80156114f05780601f106114c7576101008083540402835291602001916114f0565b820191905f5260205f20905b8154815290600101906020018083116114d357829003601f168201915b50505050508282815181106115075761150761416b565b602090810291909101015260010161141d565b5092915050565b611529612da0565b6115325f613533565b565b60606006805480602002602001604051908101604052809291908181526020018280548015610ade57602002820191905f5260205f209081546001600160a01b03168152600190910190602001808311610ac0575050505050905090565b6001600160a01b0381165f908152600960209081526040808320805460038201546004830154600f90955283862093519294879463ffffffff80851695600160a01b90950416936115e391906144bc565b604080519182900382206001600160a01b03909716602083015263ffffffff95861690820152939092166060840152608083015260a082015260c081019190915260e00160405160208183030381529060405280519060200120915050919050565b5f805f54600160a01b900460ff16600581111561166457611664614026565b14611691575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b61169a33612dcc565b50565b6116ca6040518060a001604052805f81526020015f81526020015f81526020015f81526020015f81525090565b506040805160a08101825260015481526002546020820152600354918101919091526004546060820152600554608082015290565b5f805f54600160a01b900460ff16600581111561171e5761171e614026565b1461174b575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b6001545f0361176d576040516318e29c6b60e11b815260040160405180910390fd5b60035442101561179d57600354604051633783e66d60e11b8152426004820152602481019190915260440161064f565b601454156117be5760405163920e92c960e01b815260040160405180910390fd5b5f5b60115481101561182d5760135f601183815481106117e0576117e061416b565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205460ff16156118255760405163920e92c960e01b815260040160405180910390fd5b6001016117c0565b50600e5461169a9060ff16611842575f6130bc565b600d546130bc565b611852612da0565b5f805f54600160a01b900460ff16600581111561187157611871614026565b1461189e575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b610f06826001613582565b6118b1612da0565b5f805f54600160a01b900460ff1660058111156118d0576118d0614026565b146118fd575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b6001600160a01b0384166119245760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0384165f9081526007602052604090205415158061195f57506001600160a01b0384165f9081526012602052604090205415155b156119885760405163295548e560e01b81526001600160a01b038516600482015260240161064f565b600654610100116119b0576040516350ab762360e11b8152610100600482015260240161064f565b6119bd84878786866127b9565b5f6119c661374b565b600680546001810182557ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f0180546001600160a01b0319166001600160a01b03891690811790915590545f918252600760209081526040808420929092556008905290208190559050611a3c8787878787612993565b6001600160a01b038681165f9081526009602090815260409182902084518154928601519386015163ffffffff9182166001600160a01b0319948516176401000000006001600160801b03909616959095029490941763ffffffff60a01b1916600160a01b919094160292909217825560608401516001830180549092169316929092179091556080820151600282015560a0820151600382015560c090910151600490910155611aec8561378a565b6040805163ffffffff808a168252881660208201526001600160a01b038716917ff87fe2c5cb80c8909c45582f2a7af3e33a9aea14480b60ebe4d967a86230ed68910160405180910390a25f5160206144e05f395f51905f525f604051611b53919061405a565b60405180910390a150505050505050565b611b6c612da0565b5f805f54600160a01b900460ff166005811115611b8b57611b8b614026565b14611bb8575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b6006546003611bc960015f196141b3565b611bd3919061442f565b831180611bf45750611be683600361435f565b611bf190600161434c565b81105b15611c1c57604051637b7a98f160e01b8152600481018490526024810182905260440161064f565b600d839055600e805460ff191660019081179091556040805185815260208101929092527febaf78b68c106f1686467e8e7da4396b5a2df6d23fafd52bd08d3c5d6e73d64291015b60405180910390a1505050565b60015f54600160a01b900460ff166005811115611c9057611c90614026565b14158015611cbb575060025f54600160a01b900460ff166005811115611cb857611cb8614026565b14155b15611ce9575f54604051635649f63b60e01b815261064f91600160a01b900460ff16906001906004016141c6565b600254611cf790600161434c565b8214611d2f576002548290611d0d90600161434c565b60405163f6ab8b3f60e01b81526004810192909252602482015260440161064f565b601d548114611d5f57601d5460405163094d6b7760e01b815261064f918391600401918252602082015260400190565b611d6833612e56565b611d8757604051630196fba360e61b815233600482015260240161064f565b335f90815260086020526040812054611da2906001906141b3565b6001901b905080601954165f14611dce57604051630651509960e51b815233600482015260240161064f565b6019805482179055601a8054600191905f90611deb90849061434c565b909155505060405183815233907f49f2bd70e57498240d4b4a966ce711f702fabdfefb5a4a07ada306b01acebeba9060200160405180910390a260015f54600160a01b900460ff166005811115611e4457611e44614026565b148015611e6b5750601b54611e5a90600361435f565b611e6590600161434c565b601a5410155b15611ea0575f805460ff60a01b1916600160a11b1790556040515f5160206144e05f395f51905f5290611c649060029061405a565b505050565b5f805f54600160a01b900460ff166005811115611ec457611ec4614026565b14611ef1575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b61169a335f613582565b611f03612da0565b5f805f54600160a01b900460ff166005811115611f2257611f22614026565b14611f4f575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b6001600160a01b0382165f9081526007602052604081205490819003611f9357604051639c3baaed60e01b81526001600160a01b038416600482015260240161064f565b6006545f90611fa4906001906141b3565b600e5490915060ff168015611fd05750600d54611fc290600361435f565b611fcd90600161434c565b81105b15611ffc57600d54604051637b7a98f160e01b815260048101919091526024810182905260440161064f565b815b600654811015612091575f6006828154811061201c5761201c61416b565b5f918252602090912001546001600160a01b031690508060066120406001856141b3565b815481106120505761205061416b565b5f91825260208083209190910180546001600160a01b0319166001600160a01b03948516179055929091168152600790915260409020819055600101611ffe565b5060068054806120a3576120a361441b565b5f828152602080822083015f1990810180546001600160a01b03191690559092019092556001600160a01b0386168252601590526040902054156120ea576120ea846129e8565b6120f384612e96565b6040516001600160a01b038516907fcfc24166db4bb677e857cacabd1541fb2b30645021b27c5130419589b84db52b905f90a25f5160206144e05f395f51905f525f604051612142919061405a565b60405180910390a150505050565b612158612da0565b60015f54600160a01b900460ff16600581111561217757612177614026565b141580156121a2575060025f54600160a01b900460ff16600581111561219f5761219f614026565b14155b156121d0575f54604051635649f63b60e01b815261064f91600160a01b900460ff16906001906004016141c6565b6121d8613053565b5f805460ff60a01b191690556002547ffdd8e3cdad732b28eb41a594ef76cf25076aa5aa2c2c082381fd72c97c2efa359061221490600161434c565b60405190815260200161124a565b61224f6040518060a001604052805f81526020015f81526020015f81526020015f81526020015f81525090565b5f6060600161225c6112b9565b6122646122a9565b6040805160a081018252845481526001850154602082015260028501549181019190915260038401546060820152600490930154608084015291959094509092509050565b60606112d86006612b2a565b6122bd612da0565b6001600160a01b0381166122e657604051631e4fbdf760e01b81525f600482015260240161064f565b61169a81613533565b5f5f606080606060018001546001612307919061434c565b9450601b5493506123186017612b2a565b92506123246017613480565b6017549092506001600160401b03811115612341576123416141e1565b60405190808252806020026020018201604052801561236a578160200160208202803683370190505b5090505f5b6017548110156123f457600160085f601784815481106123915761239161416b565b5f9182526020808320909101546001600160a01b031683528201929092526040019020546123bf91906141b3565b6001901b601954165f14158282815181106123dc576123dc61416b565b9115156020928302919091019091015260010161236f565b509091929394565b6001600160a01b0381165f908152600f60205260409020805460609190612422906141f5565b80601f016020809104026020016040519081016040528092919081815260200182805461244e906141f5565b80156124995780601f1061247057610100808354040283529160200191612499565b820191905f5260205f20905b81548152906001019060200180831161247c57829003601f168201915b50505050509050919050565b6124ad613a56565b506001600160a01b039081165f90815260096020908152604091829020825160e081018452815463ffffffff80821683526001600160801b0364010000000083041694830194909452600160a01b9004909216928201929092526001820154909216606083015260028101546080830152600381015460a08301526004015460c082015290565b61253c612da0565b5f805f54600160a01b900460ff16600581111561255b5761255b614026565b14612588575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b6001600160a01b0383165f9081526012602052604081205490036125ca57604051631c056ee760e31b81526001600160a01b038416600482015260240161064f565b6125d383611592565b82146125fd57604051631446480f60e01b81526001600160a01b038416600482015260240161064f565b6126068361378a565b6001600160a01b0383165f81815260136020526040808220805460ff19166001179055517f03ca72cde315f4aae332b47ed6bcc38879d9a88abdeec960a195237d0c9767eb9190a2505050565b61265b612da0565b5f805f54600160a01b900460ff16600581111561267a5761267a614026565b146126a7575f54604051635649f63b60e01b815261064f91600160a01b900460ff169083906004016141c6565b600e805460ff191690555f600d557febaf78b68c106f1686467e8e7da4396b5a2df6d23fafd52bd08d3c5d6e73d6426126de611278565b604080519182525f6020830152016113b4565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561272a57505f915060039050826127af565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa15801561277b573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b0381166127a657505f9250600191508290506127af565b92505f91508190505b9450945094915050565b63ffffffff841615806127d0575063ffffffff8316155b806127e2575061ffff63ffffffff8416115b1561281057604051632a557c1d60e01b815263ffffffff80861660048301528416602482015260440161064f565b811580612827575080158015906128275750818114155b15612845576040516313fc626d60e31b815260040160405180910390fd5b67ffffffff00000000602085811b9190911663ffffffff8516175f908152600a90915260409020546001600160a01b031680158015906128975750856001600160a01b0316816001600160a01b031614155b156128c557604051634cfb7ee560e11b815263ffffffff80871660048301528516602482015260440161064f565b505f828152600b60205260409020546001600160a01b031680158015906128fe5750856001600160a01b0316816001600160a01b031614155b156107b057604051637c42607560e11b81526001600160a01b038216600482015260240161064f565b80516020808301919091205f908152600c90915260409020546001600160a01b0316801580159061296a5750826001600160a01b0316816001600160a01b031614155b15611ea057604051635058fbdf60e11b81526001600160a01b038216600482015260240161064f565b61299b613a56565b506040805160e08101825263ffffffff96871681525f6020820181905295909616908601526001600160a01b039092166060850152608084019290925260a083019190915260c082015290565b6001600160a01b0381165f90815260156020526040902054805b601454811015612ac65760148181548110612a1f57612a1f61416b565b5f918252602090912001546001600160a01b03166014612a406001846141b3565b81548110612a5057612a5061416b565b5f918252602082200180546001600160a01b0319166001600160a01b03939093169290921790915581906015906014612a8a6001856141b3565b81548110612a9a57612a9a61416b565b5f9182526020808320909101546001600160a01b03168352820192909252604001902055600101612a02565b506014805480612ad857612ad861441b565b5f828152602080822083015f1990810180546001600160a01b03191690559092019092556001600160a01b03939093168152601583526040808220829055601690935291909120805460ff1916905550565b80546060906001600160401b03811115612b4657612b466141e1565b604051908082528060200260200182016040528015612b7f57816020015b612b6c613a56565b815260200190600190039081612b645790505b5090505f5b8254811015612c595760095f848381548110612ba257612ba261416b565b5f9182526020808320909101546001600160a01b039081168452838201949094526040928301909120825160e081018452815463ffffffff80821683526001600160801b0364010000000083041694830194909452600160a01b9004909216928201929092526001820154909216606083015260028101546080830152600381015460a08301526004015460c08201528251839083908110612c4657612c4661416b565b6020908102919091010152600101612b84565b50919050565b80546060906001600160401b03811115612c7b57612c7b6141e1565b604051908082528060200260200182016040528015612cae57816020015b6060815260200190600190039081612c995790505b5090505f5b8254811015612c5957600f5f848381548110612cd157612cd161416b565b5f9182526020808320909101546001600160a01b0316835282019290925260400190208054612cff906141f5565b80601f0160208091040260200160405190810160405280929190818152602001828054612d2b906141f5565b8015612d765780601f10612d4d57610100808354040283529160200191612d76565b820191905f5260205f20905b815481529060010190602001808311612d5957829003601f168201915b5050505050828281518110612d8d57612d8d61416b565b6020908102919091010152600101612cb3565b5f546001600160a01b031633146115325760405163118cdaa760e01b815233600482015260240161064f565b6001600160a01b0381165f908152601260205260408120549003612e0e57604051631c056ee760e31b81526001600160a01b038216600482015260240161064f565b612e1781612f11565b612e2081612e96565b6040516001600160a01b038216907fa088e88165676cadf5e4c30189b2937ee2dd8e94d9c6a3b678fb811b12fb338f905f90a250565b6001600160a01b0381165f908152600860205260408120548015801590612e8f5750612e836001826141b3565b6001901b601854165f14155b9392505050565b612e9f81613928565b6001600160a01b0381165f90815260096020908152604080832080546001600160c01b03191681556001810180546001600160a01b031916905560028101849055600381018490556004018390556007825280832083905560088252808320839055600f909152812061169a91613a91565b6001600160a01b0381165f90815260126020526040902054805b601154811015612fef5760118181548110612f4857612f4861416b565b5f918252602090912001546001600160a01b03166011612f696001846141b3565b81548110612f7957612f7961416b565b5f918252602082200180546001600160a01b0319166001600160a01b03939093169290921790915581906012906011612fb36001856141b3565b81548110612fc357612fc361416b565b5f9182526020808320909101546001600160a01b03168352820192909252604001902055600101612f2b565b5060118054806130015761300161441b565b5f828152602080822083015f1990810180546001600160a01b03191690559092019092556001600160a01b03939093168152601283526040808220829055601390935291909120805460ff1916905550565b6017541561309157601780548061306c5761306c61441b565b5f8281526020902081015f1990810180546001600160a01b0319169055019055613053565b5f60188190556019819055601a819055601b55601c805460ff19908116909155601e80549091169055565b6130c4613ac5565b5f80805b600654811015613178575f600682815481106130e6576130e661416b565b5f9182526020808320909101546001600160a01b031680835260159091526040822054909250900361316a576001600160a01b0381165f90815260086020526040902054818682610100811061313e5761313e61416b565b6001600160a01b03909216602092909202015261315c6001826141b3565b6001901b851794505061316f565b600192505b506001016130c8565b505f5b60115481101561325b575f601182815481106131995761319961416b565b5f9182526020808320909101546001600160a01b0316808352601390915260409091205490915060ff166131cd5750613253565b6001600160a01b0381165f908152600860205260408120546001945090819003613216576131f961374b565b6001600160a01b0383165f90815260086020526040902081905590505b818682610100811061322a5761322a61416b565b6001600160a01b0390921660209290920201526132486001826141b3565b6001901b8517945050505b60010161317b565b5060015b60ff81116132ee575f8482610100811061327b5761327b61416b565b60200201516001600160a01b0316146132dc576017848261010081106132a3576132a361416b565b6020908102919091015182546001810184555f938452919092200180546001600160a01b0319166001600160a01b039092169190911790555b806132e6816144c7565b91505061325f565b5060188290556017545f85156133045785613328565b81156133265760036133176001846141b3565b613321919061442f565b613328565b5f5b905081158061334d5750600361334060015f196141b3565b61334a919061442f565b81115b8061336c575061335e81600361435f565b61336990600161434c565b82105b1561339457604051637b7a98f160e01b8152600481018290526024810183905260440161064f565b601b819055601c805460ff1916871515179055821580156133bb57506133b8611278565b81145b80156133d55750600e54601c5460ff908116151591161515145b601e805460ff1916911515919091179055601d8054600191905f906133fb90849061434c565b90915550505f805460ff60a01b1916600160a01b1790556002547f3b00c0335599dca6e6402ecbdb96f3d4c9ab74e060e8884f5d2120c687655cbc9061344290600161434c565b60405190815260200160405180910390a15f5160206144e05f395f51905f526001604051613470919061405a565b60405180910390a1505050505050565b80546060906001600160401b0381111561349c5761349c6141e1565b6040519080825280602002602001820160405280156134c5578160200160208202803683370190505b5090505f5b8254811015612c595760085f8483815481106134e8576134e861416b565b5f9182526020808320909101546001600160a01b0316835282019290925260400190205482518390839081106135205761352061416b565b60209081029190910101526001016134ca565b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b6001600160a01b0382165f9081526007602052604081205490036135c457604051639c3baaed60e01b81526001600160a01b038316600482015260240161064f565b6001600160a01b0382165f908152601560205260409020541561368c5780158061360557506001600160a01b0382165f9081526016602052604090205460ff165b1561362e5760405163846c281360e01b81526001600160a01b038316600482015260240161064f565b6001600160a01b0382165f81815260166020908152604091829020805460ff1916600190811790915591519182527fff5ee9a5388cfb10de327b4d1268cc7383d6a8b7df43a95994a17ffc10e5767491015b60405180910390a25050565b601480546001810182557fce6d7b5282bd9a3661ae061feed1dbda4e52ab073b1f9285be6e155d9c38d4ec0180546001600160a01b0319166001600160a01b03851690811790915590545f9182526015602052604090912055801561370e576001600160a01b0382165f908152601660205260409020805460ff191660011790555b816001600160a01b03167fff5ee9a5388cfb10de327b4d1268cc7383d6a8b7df43a95994a17ffc10e5767482604051613680911515815260200190565b5f60ff601054106137725760405163103b4c3b60e31b815260ff600482015260240161064f565b60105f8154613780906144c7565b9182905550919050565b6001600160a01b0381165f9081526009602052604090208054600382015460048301546137cb92859263ffffffff80831693600160a01b90930416916127b9565b8054600160a01b810463ffffffff16602091821b67ffffffff0000000016175f908152600a8252604080822080546001600160a01b03199081166001600160a01b03881690811790925560038601548452600b85528284208054909116821790558252600f9092522080548190613841906141f5565b159050611ea0576138d983828054613858906141f5565b80601f0160208091040260200160405190810160405280929190818152602001828054613884906141f5565b80156138cf5780601f106138a6576101008083540402835291602001916138cf565b820191905f5260205f20905b8154815290600101906020018083116138b257829003601f168201915b5050505050612927565b82600c5f836040516138eb91906144bc565b604051809103902081526020019081526020015f205f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550505050565b6001600160a01b038181165f8181526009602090815260408083208054600160a01b810463ffffffff1690841b67ffffffff000000001617808552600a9093529220549193909291160361399c576001600160401b0381165f908152600a6020526040902080546001600160a01b03191690555b60038201545f908152600b60205260409020546001600160a01b038085169116036139e25760038201545f908152600b6020526040902080546001600160a01b03191690555b6001600160a01b0383165f908152600f60205260408082209051613a0691906144bc565b60408051918290039091205f818152600c60205291909120549091506001600160a01b03808616911603613a50575f818152600c6020526040902080546001600160a01b03191690555b50505050565b6040805160e0810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c081019190915290565b508054613a9d906141f5565b5f825580601f10613aac575050565b601f0160209004905f5260205f20906115329190613ae5565b604051806120000160405280610100906020820280368337509192915050565b5f5b80821115611ea0575f81840155600101613ae7565b5f5f5f60408486031215613b0e575f5ffd5b8335925060208401356001600160401b03811115613b2a575f5ffd5b8401601f81018613613b3a575f5ffd5b80356001600160401b03811115613b4f575f5ffd5b866020606083028401011115613b63575f5ffd5b939660209190910195509293505050565b803563ffffffff81168114613b87575f5ffd5b919050565b5f5f83601f840112613b9c575f5ffd5b5081356001600160401b03811115613bb2575f5ffd5b602083019150836020828501011115613bc9575f5ffd5b9250929050565b5f5f5f5f5f5f60a08789031215613be5575f5ffd5b613bee87613b74565b9550613bfc60208801613b74565b9450604087013593506060870135925060808701356001600160401b03811115613c24575f5ffd5b613c3089828a01613b8c565b979a9699509497509295939492505050565b602080825282518282018190525f918401906040840190835b81811015613c825783516001600160a01b0316835260209384019390920191600101613c5b565b509095945050505050565b80356001600160a01b0381168114613b87575f5ffd5b5f60208284031215613cb3575f5ffd5b612e8f82613c8d565b5f5f60208385031215613ccd575f5ffd5b82356001600160401b03811115613ce2575f5ffd5b613cee85828601613b8c565b90969095509350505050565b63ffffffff81511682526001600160801b03602082015116602083015263ffffffff604082015116604083015260018060a01b0360608201511660608301526080810151608083015260a081015160a083015260c081015160c08301525050565b5f8151808452602084019350602083015f5b82811015613d9657613d80868351613cfa565b60e0959095019460209190910190600101613d6d565b5093949350505050565b5f8151808452602084019350602083015f5b82811015613d965781511515865260209586019590910190600101613db2565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b5f82825180855260208501945060208160051b830101602085015f5b83811015613e4e57601f19858403018852613e38838351613dd2565b6020988901989093509190910190600101613e1c565b50909695505050505050565b606081525f613e6c6060830186613d5b565b8281036020840152613e7e8186613da0565b90508281036040840152613e928185613e00565b9695505050505050565b5f60208284031215613eac575f5ffd5b5035919050565b602081525f612e8f6020830184613e00565b5f8151808452602084019350602083015f5b82811015613d96578151865260209586019590910190600101613ed7565b602081525f612e8f6020830184613ec5565b5f5f60208385031215613f18575f5ffd5b82356001600160401b03811115613f2d575f5ffd5b8301601f81018513613f3d575f5ffd5b80356001600160401b03811115613f52575f5ffd5b8560208260051b8401011115613f66575f5ffd5b6020919091019590945092505050565b60a08101613faf828480518252602081015160208301526040810151604083015260608101516060830152608081015160808301525050565b92915050565b5f5f5f5f5f60a08688031215613fc9575f5ffd5b613fd286613b74565b9450613fe060208701613b74565b9350613fee60408701613c8d565b94979396509394606081013594506080013592915050565b5f5f60408385031215614017575f5ffd5b50508035926020909101359150565b634e487b7160e01b5f52602160045260245ffd5b6006811061405657634e487b7160e01b5f52602160045260245ffd5b9052565b60208101613faf828461403a565b61409d818580518252602081015160208301526040810151604083015260608101516060830152608081015160808301525050565b8260a082015260e060c08201525f6140b860e0830184613d5b565b95945050505050565b602081525f612e8f6020830184613d5b565b85815284602082015260a060408201525f6140f160a0830186613d5b565b82810360608401526141038186613ec5565b905082810360808401526141178185613da0565b98975050505050505050565b602081525f612e8f6020830184613dd2565b60e08101613faf8284613cfa565b5f5f60408385031215614154575f5ffd5b61415d83613c8d565b946020939093013593505050565b634e487b7160e01b5f52603260045260245ffd5b5f6020828403121561418f575f5ffd5b813560ff81168114612e8f575f5ffd5b634e487b7160e01b5f52601160045260245ffd5b81810381811115613faf57613faf61419f565b604081016141d4828561403a565b612e8f602083018461403a565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061420957607f821691505b602082108103612c5957634e487b7160e01b5f52602260045260245ffd5b5f5b82811015611ea0575f82820155600101614229565b601f821115611ea05782821115611ea057805f5260205f20601f840160051c602085101561426957505f5b61427d81601f860160051c03828401614227565b5050505050565b6001600160401b0383111561429b5761429b6141e1565b6142af836142a983546141f5565b8361423e565b5f601f8411600181146142e0575f85156142c95750838201355b5f19600387901b1c1916600186901b17835561427d565b5f83815260208120601f198716915b8281101561430f57868501358255602094850194600190920191016142ef565b508682101561432b575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b818382375f9101908152919050565b80820180821115613faf57613faf61419f565b8082028115828204841417613faf57613faf61419f565b818103614381575050565b81546001600160401b0381111561439a5761439a6141e1565b680100000000000000008111156143b3576143b36141e1565b8154818355808210156143d757825f528160205f20016143d583830382614227565b505b505f838152602090205f8381526020902081545f5b8481101561441257600193840180546001600160a01b03939093168483015593016143ec565b50505050505050565b634e487b7160e01b5f52603160045260245ffd5b5f8261444957634e487b7160e01b5f52601260045260245ffd5b500490565b5f815461445a816141f5565b6001821680156144715760018114614486576144b3565b60ff19831686528115158202860193506144b3565b845f5260205f205f5b838110156144ab5781548882015260019091019060200161448f565b505081860193505b50505092915050565b5f612e8f828461444e565b5f600182016144d8576144d861419f565b506001019056fe551dc40198cc79684bb69e4931dba4ac16e4598792ee1c0a5000aeea366d7bb6",
}

// Staking is an auto generated Go binding around an Ethereum contract.
type Staking struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Staking) GetABI() abi.ABI {
	return c.abi
}

// NewStaking creates a new instance of Staking.
func NewStaking() *Staking {
	parsed, err := StakingMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Staking{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Staking) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner) returns()
func (staking *Staking) PackConstructor(owner common.Address) []byte {
	enc, err := staking.abi.Pack("", owner)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackDKGKEYLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3ea25f0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DKG_KEY_LENGTH() view returns(uint256)
func (staking *Staking) PackDKGKEYLENGTH() []byte {
	enc, err := staking.abi.Pack("DKG_KEY_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDKGKEYLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3ea25f0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DKG_KEY_LENGTH() view returns(uint256)
func (staking *Staking) TryPackDKGKEYLENGTH() ([]byte, error) {
	return staking.abi.Pack("DKG_KEY_LENGTH")
}

// UnpackDKGKEYLENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd3ea25f0.
//
// Solidity: function DKG_KEY_LENGTH() view returns(uint256)
func (staking *Staking) UnpackDKGKEYLENGTH(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("DKG_KEY_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXINDEX is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8a539cbe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_INDEX() view returns(uint256)
func (staking *Staking) PackMAXINDEX() []byte {
	enc, err := staking.abi.Pack("MAX_INDEX")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXINDEX is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8a539cbe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_INDEX() view returns(uint256)
func (staking *Staking) TryPackMAXINDEX() ([]byte, error) {
	return staking.abi.Pack("MAX_INDEX")
}

// UnpackMAXINDEX is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8a539cbe.
//
// Solidity: function MAX_INDEX() view returns(uint256)
func (staking *Staking) UnpackMAXINDEX(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("MAX_INDEX", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXNODES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f16e1cd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_NODES() view returns(uint256)
func (staking *Staking) PackMAXNODES() []byte {
	enc, err := staking.abi.Pack("MAX_NODES")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXNODES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f16e1cd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_NODES() view returns(uint256)
func (staking *Staking) TryPackMAXNODES() ([]byte, error) {
	return staking.abi.Pack("MAX_NODES")
}

// UnpackMAXNODES is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8f16e1cd.
//
// Solidity: function MAX_NODES() view returns(uint256)
func (staking *Staking) UnpackMAXNODES(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("MAX_NODES", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXPENDINGJOINS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x163734e1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_PENDING_JOINS() view returns(uint256)
func (staking *Staking) PackMAXPENDINGJOINS() []byte {
	enc, err := staking.abi.Pack("MAX_PENDING_JOINS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXPENDINGJOINS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x163734e1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_PENDING_JOINS() view returns(uint256)
func (staking *Staking) TryPackMAXPENDINGJOINS() ([]byte, error) {
	return staking.abi.Pack("MAX_PENDING_JOINS")
}

// UnpackMAXPENDINGJOINS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x163734e1.
//
// Solidity: function MAX_PENDING_JOINS() view returns(uint256)
func (staking *Staking) UnpackMAXPENDINGJOINS(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("MAX_PENDING_JOINS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAddNode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94af1357.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addNode(uint32 ip, uint32 port, address nodeAddress, uint256 senderPubKey, uint256 receiverPubKey) returns()
func (staking *Staking) PackAddNode(ip uint32, port uint32, nodeAddress common.Address, senderPubKey *big.Int, receiverPubKey *big.Int) []byte {
	enc, err := staking.abi.Pack("addNode", ip, port, nodeAddress, senderPubKey, receiverPubKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddNode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94af1357.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addNode(uint32 ip, uint32 port, address nodeAddress, uint256 senderPubKey, uint256 receiverPubKey) returns()
func (staking *Staking) TryPackAddNode(ip uint32, port uint32, nodeAddress common.Address, senderPubKey *big.Int, receiverPubKey *big.Int) ([]byte, error) {
	return staking.abi.Pack("addNode", ip, port, nodeAddress, senderPubKey, receiverPubKey)
}

// PackAdvanceEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3cf80e6c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function advanceEpoch() returns()
func (staking *Staking) PackAdvanceEpoch() []byte {
	enc, err := staking.abi.Pack("advanceEpoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAdvanceEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3cf80e6c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function advanceEpoch() returns()
func (staking *Staking) TryPackAdvanceEpoch() ([]byte, error) {
	return staking.abi.Pack("advanceEpoch")
}

// PackApproveJoin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfcf16b58.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approveJoin(address nodeAddress, bytes32 request) returns()
func (staking *Staking) PackApproveJoin(nodeAddress common.Address, request [32]byte) []byte {
	enc, err := staking.abi.Pack("approveJoin", nodeAddress, request)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApproveJoin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfcf16b58.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approveJoin(address nodeAddress, bytes32 request) returns()
func (staking *Staking) TryPackApproveJoin(nodeAddress common.Address, request [32]byte) ([]byte, error) {
	return staking.abi.Pack("approveJoin", nodeAddress, request)
}

// PackCancelJoin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8c3b40a1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancelJoin() returns()
func (staking *Staking) PackCancelJoin() []byte {
	enc, err := staking.abi.Pack("cancelJoin")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancelJoin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8c3b40a1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancelJoin() returns()
func (staking *Staking) TryPackCancelJoin() ([]byte, error) {
	return staking.abi.Pack("cancelJoin")
}

// PackCancelLeave is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1f303280.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancelLeave(address nodeAddress) returns()
func (staking *Staking) PackCancelLeave(nodeAddress common.Address) []byte {
	enc, err := staking.abi.Pack("cancelLeave", nodeAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancelLeave is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1f303280.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancelLeave(address nodeAddress) returns()
func (staking *Staking) TryPackCancelLeave(nodeAddress common.Address) ([]byte, error) {
	return staking.abi.Pack("cancelLeave", nodeAddress)
}

// PackCheckNodeSignatures is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0b168a57.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function checkNodeSignatures(bytes32 digest, (bytes32,bytes32,uint8)[] signatures) view returns()
func (staking *Staking) PackCheckNodeSignatures(digest [32]byte, signatures []Signature) []byte {
	enc, err := staking.abi.Pack("checkNodeSignatures", digest, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheckNodeSignatures is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0b168a57.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function checkNodeSignatures(bytes32 digest, (bytes32,bytes32,uint8)[] signatures) view returns()
func (staking *Staking) TryPackCheckNodeSignatures(digest [32]byte, signatures []Signature) ([]byte, error) {
	return staking.abi.Pack("checkNodeSignatures", digest, signatures)
}

// PackCurrentValidatorCountForConsensus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x43cb0a0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function currentValidatorCountForConsensus() view returns(uint256)
func (staking *Staking) PackCurrentValidatorCountForConsensus() []byte {
	enc, err := staking.abi.Pack("currentValidatorCountForConsensus")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCurrentValidatorCountForConsensus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x43cb0a0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function currentValidatorCountForConsensus() view returns(uint256)
func (staking *Staking) TryPackCurrentValidatorCountForConsensus() ([]byte, error) {
	return staking.abi.Pack("currentValidatorCountForConsensus")
}

// UnpackCurrentValidatorCountForConsensus is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x43cb0a0e.
//
// Solidity: function currentValidatorCountForConsensus() view returns(uint256)
func (staking *Staking) UnpackCurrentValidatorCountForConsensus(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("currentValidatorCountForConsensus", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDkgKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf44bf5c7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function dkgKey(address nodeAddress) view returns(bytes)
func (staking *Staking) PackDkgKey(nodeAddress common.Address) []byte {
	enc, err := staking.abi.Pack("dkgKey", nodeAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDkgKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf44bf5c7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function dkgKey(address nodeAddress) view returns(bytes)
func (staking *Staking) TryPackDkgKey(nodeAddress common.Address) ([]byte, error) {
	return staking.abi.Pack("dkgKey", nodeAddress)
}

// UnpackDkgKey is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf44bf5c7.
//
// Solidity: function dkgKey(address nodeAddress) view returns(bytes)
func (staking *Staking) UnpackDkgKey(data []byte) ([]byte, error) {
	out, err := staking.abi.Unpack("dkgKey", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackDkgKeysOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64e2c0db.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function dkgKeysOf(address[] nodeAddresses) view returns(bytes[] keys)
func (staking *Staking) PackDkgKeysOf(nodeAddresses []common.Address) []byte {
	enc, err := staking.abi.Pack("dkgKeysOf", nodeAddresses)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDkgKeysOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64e2c0db.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function dkgKeysOf(address[] nodeAddresses) view returns(bytes[] keys)
func (staking *Staking) TryPackDkgKeysOf(nodeAddresses []common.Address) ([]byte, error) {
	return staking.abi.Pack("dkgKeysOf", nodeAddresses)
}

// UnpackDkgKeysOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x64e2c0db.
//
// Solidity: function dkgKeysOf(address[] nodeAddresses) view returns(bytes[] keys)
func (staking *Staking) UnpackDkgKeysOf(data []byte) ([][]byte, error) {
	out, err := staking.abi.Unpack("dkgKeysOf", data)
	if err != nil {
		return *new([][]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([][]byte)).(*[][]byte)
	return out0, nil
}

// PackEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x900cf0cf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function epoch() view returns((uint256,uint256,uint256,uint256,uint256))
func (staking *Staking) PackEpoch() []byte {
	enc, err := staking.abi.Pack("epoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x900cf0cf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function epoch() view returns((uint256,uint256,uint256,uint256,uint256))
func (staking *Staking) TryPackEpoch() ([]byte, error) {
	return staking.abi.Pack("epoch")
}

// UnpackEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x900cf0cf.
//
// Solidity: function epoch() view returns((uint256,uint256,uint256,uint256,uint256))
func (staking *Staking) UnpackEpoch(data []byte) (Epoch, error) {
	out, err := staking.abi.Unpack("epoch", data)
	if err != nil {
		return *new(Epoch), err
	}
	out0 := *abi.ConvertType(out[0], new(Epoch)).(*Epoch)
	return out0, nil
}

// PackGetActiveUnkickedValidatorStructsAndCounts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc51d020e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getActiveUnkickedValidatorStructsAndCounts() view returns((uint256,uint256,uint256,uint256,uint256), uint256, (uint32,uint128,uint32,address,uint256,uint256,uint256)[])
func (staking *Staking) PackGetActiveUnkickedValidatorStructsAndCounts() []byte {
	enc, err := staking.abi.Pack("getActiveUnkickedValidatorStructsAndCounts")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetActiveUnkickedValidatorStructsAndCounts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc51d020e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getActiveUnkickedValidatorStructsAndCounts() view returns((uint256,uint256,uint256,uint256,uint256), uint256, (uint32,uint128,uint32,address,uint256,uint256,uint256)[])
func (staking *Staking) TryPackGetActiveUnkickedValidatorStructsAndCounts() ([]byte, error) {
	return staking.abi.Pack("getActiveUnkickedValidatorStructsAndCounts")
}

// GetActiveUnkickedValidatorStructsAndCountsOutput serves as a container for the return parameters of contract
// method GetActiveUnkickedValidatorStructsAndCounts.
type GetActiveUnkickedValidatorStructsAndCountsOutput struct {
	Arg0 Epoch
	Arg1 *big.Int
	Arg2 []Validator
}

// UnpackGetActiveUnkickedValidatorStructsAndCounts is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc51d020e.
//
// Solidity: function getActiveUnkickedValidatorStructsAndCounts() view returns((uint256,uint256,uint256,uint256,uint256), uint256, (uint32,uint128,uint32,address,uint256,uint256,uint256)[])
func (staking *Staking) UnpackGetActiveUnkickedValidatorStructsAndCounts(data []byte) (GetActiveUnkickedValidatorStructsAndCountsOutput, error) {
	out, err := staking.abi.Unpack("getActiveUnkickedValidatorStructsAndCounts", data)
	outstruct := new(GetActiveUnkickedValidatorStructsAndCountsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Arg0 = *abi.ConvertType(out[0], new(Epoch)).(*Epoch)
	outstruct.Arg1 = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Arg2 = *abi.ConvertType(out[2], new([]Validator)).(*[]Validator)
	return *outstruct, nil
}

// PackGetDkgKeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4e3874a0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getDkgKeys() view returns(bytes[])
func (staking *Staking) PackGetDkgKeys() []byte {
	enc, err := staking.abi.Pack("getDkgKeys")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetDkgKeys is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4e3874a0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getDkgKeys() view returns(bytes[])
func (staking *Staking) TryPackGetDkgKeys() ([]byte, error) {
	return staking.abi.Pack("getDkgKeys")
}

// UnpackGetDkgKeys is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4e3874a0.
//
// Solidity: function getDkgKeys() view returns(bytes[])
func (staking *Staking) UnpackGetDkgKeys(data []byte) ([][]byte, error) {
	out, err := staking.abi.Unpack("getDkgKeys", data)
	if err != nil {
		return *new([][]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([][]byte)).(*[][]byte)
	return out0, nil
}

// PackGetNextValidatorSet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf38669a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getNextValidatorSet() view returns(uint256 nextEpoch, uint256 nextThreshold, (uint32,uint128,uint32,address,uint256,uint256,uint256)[] nodes, uint256[] indices, bool[] ready)
func (staking *Staking) PackGetNextValidatorSet() []byte {
	enc, err := staking.abi.Pack("getNextValidatorSet")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetNextValidatorSet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf38669a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getNextValidatorSet() view returns(uint256 nextEpoch, uint256 nextThreshold, (uint32,uint128,uint32,address,uint256,uint256,uint256)[] nodes, uint256[] indices, bool[] ready)
func (staking *Staking) TryPackGetNextValidatorSet() ([]byte, error) {
	return staking.abi.Pack("getNextValidatorSet")
}

// GetNextValidatorSetOutput serves as a container for the return parameters of contract
// method GetNextValidatorSet.
type GetNextValidatorSetOutput struct {
	NextEpoch     *big.Int
	NextThreshold *big.Int
	Nodes         []Validator
	Indices       []*big.Int
	Ready         []bool
}

// UnpackGetNextValidatorSet is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf38669a5.
//
// Solidity: function getNextValidatorSet() view returns(uint256 nextEpoch, uint256 nextThreshold, (uint32,uint128,uint32,address,uint256,uint256,uint256)[] nodes, uint256[] indices, bool[] ready)
func (staking *Staking) UnpackGetNextValidatorSet(data []byte) (GetNextValidatorSetOutput, error) {
	out, err := staking.abi.Unpack("getNextValidatorSet", data)
	outstruct := new(GetNextValidatorSetOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.NextEpoch = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.NextThreshold = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Nodes = *abi.ConvertType(out[2], new([]Validator)).(*[]Validator)
	outstruct.Indices = *abi.ConvertType(out[3], new([]*big.Int)).(*[]*big.Int)
	outstruct.Ready = *abi.ConvertType(out[4], new([]bool)).(*[]bool)
	return *outstruct, nil
}

// PackGetPendingJoins is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3704ea54.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPendingJoins() view returns((uint32,uint128,uint32,address,uint256,uint256,uint256)[] nodes, bool[] approved, bytes[] dkgKeys)
func (staking *Staking) PackGetPendingJoins() []byte {
	enc, err := staking.abi.Pack("getPendingJoins")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPendingJoins is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3704ea54.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPendingJoins() view returns((uint32,uint128,uint32,address,uint256,uint256,uint256)[] nodes, bool[] approved, bytes[] dkgKeys)
func (staking *Staking) TryPackGetPendingJoins() ([]byte, error) {
	return staking.abi.Pack("getPendingJoins")
}

// GetPendingJoinsOutput serves as a container for the return parameters of contract
// method GetPendingJoins.
type GetPendingJoinsOutput struct {
	Nodes    []Validator
	Approved []bool
	DkgKeys  [][]byte
}

// UnpackGetPendingJoins is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3704ea54.
//
// Solidity: function getPendingJoins() view returns((uint32,uint128,uint32,address,uint256,uint256,uint256)[] nodes, bool[] approved, bytes[] dkgKeys)
func (staking *Staking) UnpackGetPendingJoins(data []byte) (GetPendingJoinsOutput, error) {
	out, err := staking.abi.Unpack("getPendingJoins", data)
	outstruct := new(GetPendingJoinsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Nodes = *abi.ConvertType(out[0], new([]Validator)).(*[]Validator)
	outstruct.Approved = *abi.ConvertType(out[1], new([]bool)).(*[]bool)
	outstruct.DkgKeys = *abi.ConvertType(out[2], new([][]byte)).(*[][]byte)
	return *outstruct, nil
}

// PackGetPendingLeaves is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1a8ea798.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getPendingLeaves() view returns(address[])
func (staking *Staking) PackGetPendingLeaves() []byte {
	enc, err := staking.abi.Pack("getPendingLeaves")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetPendingLeaves is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1a8ea798.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getPendingLeaves() view returns(address[])
func (staking *Staking) TryPackGetPendingLeaves() ([]byte, error) {
	return staking.abi.Pack("getPendingLeaves")
}

// UnpackGetPendingLeaves is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1a8ea798.
//
// Solidity: function getPendingLeaves() view returns(address[])
func (staking *Staking) UnpackGetPendingLeaves(data []byte) ([]common.Address, error) {
	out, err := staking.abi.Unpack("getPendingLeaves", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackGetValidatorIndicesInCurrentEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x582d00db.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getValidatorIndicesInCurrentEpoch() view returns(uint256[])
func (staking *Staking) PackGetValidatorIndicesInCurrentEpoch() []byte {
	enc, err := staking.abi.Pack("getValidatorIndicesInCurrentEpoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetValidatorIndicesInCurrentEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x582d00db.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getValidatorIndicesInCurrentEpoch() view returns(uint256[])
func (staking *Staking) TryPackGetValidatorIndicesInCurrentEpoch() ([]byte, error) {
	return staking.abi.Pack("getValidatorIndicesInCurrentEpoch")
}

// UnpackGetValidatorIndicesInCurrentEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x582d00db.
//
// Solidity: function getValidatorIndicesInCurrentEpoch() view returns(uint256[])
func (staking *Staking) UnpackGetValidatorIndicesInCurrentEpoch(data []byte) ([]*big.Int, error) {
	out, err := staking.abi.Unpack("getValidatorIndicesInCurrentEpoch", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackGetValidatorsInCurrentEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x857b7663.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getValidatorsInCurrentEpoch() view returns(address[])
func (staking *Staking) PackGetValidatorsInCurrentEpoch() []byte {
	enc, err := staking.abi.Pack("getValidatorsInCurrentEpoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetValidatorsInCurrentEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x857b7663.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getValidatorsInCurrentEpoch() view returns(address[])
func (staking *Staking) TryPackGetValidatorsInCurrentEpoch() ([]byte, error) {
	return staking.abi.Pack("getValidatorsInCurrentEpoch")
}

// UnpackGetValidatorsInCurrentEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x857b7663.
//
// Solidity: function getValidatorsInCurrentEpoch() view returns(address[])
func (staking *Staking) UnpackGetValidatorsInCurrentEpoch(data []byte) ([]common.Address, error) {
	out, err := staking.abi.Unpack("getValidatorsInCurrentEpoch", data)
	if err != nil {
		return *new([]common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	return out0, nil
}

// PackGetValidatorsInCurrentEpochLength is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4818fca.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getValidatorsInCurrentEpochLength() view returns(uint256)
func (staking *Staking) PackGetValidatorsInCurrentEpochLength() []byte {
	enc, err := staking.abi.Pack("getValidatorsInCurrentEpochLength")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetValidatorsInCurrentEpochLength is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4818fca.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getValidatorsInCurrentEpochLength() view returns(uint256)
func (staking *Staking) TryPackGetValidatorsInCurrentEpochLength() ([]byte, error) {
	return staking.abi.Pack("getValidatorsInCurrentEpochLength")
}

// UnpackGetValidatorsInCurrentEpochLength is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd4818fca.
//
// Solidity: function getValidatorsInCurrentEpochLength() view returns(uint256)
func (staking *Staking) UnpackGetValidatorsInCurrentEpochLength(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("getValidatorsInCurrentEpochLength", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetValidatorsStructsInCurrentEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7c08720.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getValidatorsStructsInCurrentEpoch() view returns((uint32,uint128,uint32,address,uint256,uint256,uint256)[])
func (staking *Staking) PackGetValidatorsStructsInCurrentEpoch() []byte {
	enc, err := staking.abi.Pack("getValidatorsStructsInCurrentEpoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetValidatorsStructsInCurrentEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7c08720.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getValidatorsStructsInCurrentEpoch() view returns((uint32,uint128,uint32,address,uint256,uint256,uint256)[])
func (staking *Staking) TryPackGetValidatorsStructsInCurrentEpoch() ([]byte, error) {
	return staking.abi.Pack("getValidatorsStructsInCurrentEpoch")
}

// UnpackGetValidatorsStructsInCurrentEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe7c08720.
//
// Solidity: function getValidatorsStructsInCurrentEpoch() view returns((uint32,uint128,uint32,address,uint256,uint256,uint256)[])
func (staking *Staking) UnpackGetValidatorsStructsInCurrentEpoch(data []byte) ([]Validator, error) {
	out, err := staking.abi.Unpack("getValidatorsStructsInCurrentEpoch", data)
	if err != nil {
		return *new([]Validator), err
	}
	out0 := *abi.ConvertType(out[0], new([]Validator)).(*[]Validator)
	return out0, nil
}

// PackIsActiveValidator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40550a1c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isActiveValidator(address account) view returns(bool)
func (staking *Staking) PackIsActiveValidator(account common.Address) []byte {
	enc, err := staking.abi.Pack("isActiveValidator", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsActiveValidator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40550a1c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isActiveValidator(address account) view returns(bool)
func (staking *Staking) TryPackIsActiveValidator(account common.Address) ([]byte, error) {
	return staking.abi.Pack("isActiveValidator", account)
}

// UnpackIsActiveValidator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x40550a1c.
//
// Solidity: function isActiveValidator(address account) view returns(bool)
func (staking *Staking) UnpackIsActiveValidator(data []byte) (bool, error) {
	out, err := staking.abi.Unpack("isActiveValidator", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsActiveValidatorByNodeAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa25e49a4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isActiveValidatorByNodeAddress(address account) view returns(bool)
func (staking *Staking) PackIsActiveValidatorByNodeAddress(account common.Address) []byte {
	enc, err := staking.abi.Pack("isActiveValidatorByNodeAddress", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsActiveValidatorByNodeAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa25e49a4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isActiveValidatorByNodeAddress(address account) view returns(bool)
func (staking *Staking) TryPackIsActiveValidatorByNodeAddress(account common.Address) ([]byte, error) {
	return staking.abi.Pack("isActiveValidatorByNodeAddress", account)
}

// UnpackIsActiveValidatorByNodeAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa25e49a4.
//
// Solidity: function isActiveValidatorByNodeAddress(address account) view returns(bool)
func (staking *Staking) UnpackIsActiveValidatorByNodeAddress(data []byte) (bool, error) {
	out, err := staking.abi.Unpack("isActiveValidatorByNodeAddress", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsRefreshLock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x502bd34d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRefreshLock() view returns(bool)
func (staking *Staking) PackIsRefreshLock() []byte {
	enc, err := staking.abi.Pack("isRefreshLock")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRefreshLock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x502bd34d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRefreshLock() view returns(bool)
func (staking *Staking) TryPackIsRefreshLock() ([]byte, error) {
	return staking.abi.Pack("isRefreshLock")
}

// UnpackIsRefreshLock is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x502bd34d.
//
// Solidity: function isRefreshLock() view returns(bool)
func (staking *Staking) UnpackIsRefreshLock(data []byte) (bool, error) {
	out, err := staking.abi.Unpack("isRefreshLock", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackJoinRequestDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x87c69f1c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function joinRequestDigest(address nodeAddress) view returns(bytes32)
func (staking *Staking) PackJoinRequestDigest(nodeAddress common.Address) []byte {
	enc, err := staking.abi.Pack("joinRequestDigest", nodeAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackJoinRequestDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x87c69f1c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function joinRequestDigest(address nodeAddress) view returns(bytes32)
func (staking *Staking) TryPackJoinRequestDigest(nodeAddress common.Address) ([]byte, error) {
	return staking.abi.Pack("joinRequestDigest", nodeAddress)
}

// UnpackJoinRequestDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x87c69f1c.
//
// Solidity: function joinRequestDigest(address nodeAddress) view returns(bytes32)
func (staking *Staking) UnpackJoinRequestDigest(data []byte) ([32]byte, error) {
	out, err := staking.abi.Unpack("joinRequestDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackKickValidatorInNextEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9435d7c7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function kickValidatorInNextEpoch(address nodeAddress) returns()
func (staking *Staking) PackKickValidatorInNextEpoch(nodeAddress common.Address) []byte {
	enc, err := staking.abi.Pack("kickValidatorInNextEpoch", nodeAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKickValidatorInNextEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9435d7c7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function kickValidatorInNextEpoch(address nodeAddress) returns()
func (staking *Staking) TryPackKickValidatorInNextEpoch(nodeAddress common.Address) ([]byte, error) {
	return staking.abi.Pack("kickValidatorInNextEpoch", nodeAddress)
}

// PackLockForRefresh is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9196fac8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lockForRefresh() returns()
func (staking *Staking) PackLockForRefresh() []byte {
	enc, err := staking.abi.Pack("lockForRefresh")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLockForRefresh is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9196fac8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lockForRefresh() returns()
func (staking *Staking) TryPackLockForRefresh() ([]byte, error) {
	return staking.abi.Pack("lockForRefresh")
}

// PackLockNumber is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6e74710.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lockNumber() view returns(uint256)
func (staking *Staking) PackLockNumber() []byte {
	enc, err := staking.abi.Pack("lockNumber")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLockNumber is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa6e74710.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lockNumber() view returns(uint256)
func (staking *Staking) TryPackLockNumber() ([]byte, error) {
	return staking.abi.Pack("lockNumber")
}

// UnpackLockNumber is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa6e74710.
//
// Solidity: function lockNumber() view returns(uint256)
func (staking *Staking) UnpackLockNumber(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("lockNumber", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackLockValidatorsForNextEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x45c1b1fb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lockValidatorsForNextEpoch(uint256 nextThreshold) returns()
func (staking *Staking) PackLockValidatorsForNextEpoch(nextThreshold *big.Int) []byte {
	enc, err := staking.abi.Pack("lockValidatorsForNextEpoch", nextThreshold)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLockValidatorsForNextEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x45c1b1fb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lockValidatorsForNextEpoch(uint256 nextThreshold) returns()
func (staking *Staking) TryPackLockValidatorsForNextEpoch(nextThreshold *big.Int) ([]byte, error) {
	return staking.abi.Pack("lockValidatorsForNextEpoch", nextThreshold)
}

// PackNodeIndex is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd673de46.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function nodeIndex(address nodeAddress) view returns(uint256)
func (staking *Staking) PackNodeIndex(nodeAddress common.Address) []byte {
	enc, err := staking.abi.Pack("nodeIndex", nodeAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNodeIndex is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd673de46.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function nodeIndex(address nodeAddress) view returns(uint256)
func (staking *Staking) TryPackNodeIndex(nodeAddress common.Address) ([]byte, error) {
	return staking.abi.Pack("nodeIndex", nodeAddress)
}

// UnpackNodeIndex is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd673de46.
//
// Solidity: function nodeIndex(address nodeAddress) view returns(uint256)
func (staking *Staking) UnpackNodeIndex(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("nodeIndex", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (staking *Staking) PackOwner() []byte {
	enc, err := staking.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (staking *Staking) TryPackOwner() ([]byte, error) {
	return staking.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (staking *Staking) UnpackOwner(data []byte) (common.Address, error) {
	out, err := staking.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRejectJoin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3c9c0abc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rejectJoin(address nodeAddress) returns()
func (staking *Staking) PackRejectJoin(nodeAddress common.Address) []byte {
	enc, err := staking.abi.Pack("rejectJoin", nodeAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRejectJoin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3c9c0abc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rejectJoin(address nodeAddress) returns()
func (staking *Staking) TryPackRejectJoin(nodeAddress common.Address) ([]byte, error) {
	return staking.abi.Pack("rejectJoin", nodeAddress)
}

// PackRemoveNode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb2b99ec9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeNode(address nodeAddress) returns()
func (staking *Staking) PackRemoveNode(nodeAddress common.Address) []byte {
	enc, err := staking.abi.Pack("removeNode", nodeAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveNode is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb2b99ec9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeNode(address nodeAddress) returns()
func (staking *Staking) TryPackRemoveNode(nodeAddress common.Address) ([]byte, error) {
	return staking.abi.Pack("removeNode", nodeAddress)
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (staking *Staking) PackRenounceOwnership() []byte {
	enc, err := staking.abi.Pack("renounceOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceOwnership() returns()
func (staking *Staking) TryPackRenounceOwnership() ([]byte, error) {
	return staking.abi.Pack("renounceOwnership")
}

// PackRequestToJoin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0fd7aa50.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestToJoin(uint32 ip, uint32 port, uint256 senderPubKey, uint256 receiverPubKey, bytes dkgKey_) returns()
func (staking *Staking) PackRequestToJoin(ip uint32, port uint32, senderPubKey *big.Int, receiverPubKey *big.Int, dkgKey []byte) []byte {
	enc, err := staking.abi.Pack("requestToJoin", ip, port, senderPubKey, receiverPubKey, dkgKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestToJoin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0fd7aa50.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestToJoin(uint32 ip, uint32 port, uint256 senderPubKey, uint256 receiverPubKey, bytes dkgKey_) returns()
func (staking *Staking) TryPackRequestToJoin(ip uint32, port uint32, senderPubKey *big.Int, receiverPubKey *big.Int, dkgKey []byte) ([]byte, error) {
	return staking.abi.Pack("requestToJoin", ip, port, senderPubKey, receiverPubKey, dkgKey)
}

// PackRequestToLeave is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xac2f8afe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestToLeave() returns()
func (staking *Staking) PackRequestToLeave() []byte {
	enc, err := staking.abi.Pack("requestToLeave")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestToLeave is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xac2f8afe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestToLeave() returns()
func (staking *Staking) TryPackRequestToLeave() ([]byte, error) {
	return staking.abi.Pack("requestToLeave")
}

// PackSetDkgKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32cb602e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setDkgKey(bytes key) returns()
func (staking *Staking) PackSetDkgKey(key []byte) []byte {
	enc, err := staking.abi.Pack("setDkgKey", key)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetDkgKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32cb602e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setDkgKey(bytes key) returns()
func (staking *Staking) TryPackSetDkgKey(key []byte) ([]byte, error) {
	return staking.abi.Pack("setDkgKey", key)
}

// PackSetEpochLength is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54eea796.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setEpochLength(uint256 newEpochLength) returns()
func (staking *Staking) PackSetEpochLength(newEpochLength *big.Int) []byte {
	enc, err := staking.abi.Pack("setEpochLength", newEpochLength)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetEpochLength is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54eea796.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setEpochLength(uint256 newEpochLength) returns()
func (staking *Staking) TryPackSetEpochLength(newEpochLength *big.Int) ([]byte, error) {
	return staking.abi.Pack("setEpochLength", newEpochLength)
}

// PackSetThreshold is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x960bfe04.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setThreshold(uint256 t) returns()
func (staking *Staking) PackSetThreshold(t *big.Int) []byte {
	enc, err := staking.abi.Pack("setThreshold", t)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetThreshold is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x960bfe04.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setThreshold(uint256 t) returns()
func (staking *Staking) TryPackSetThreshold(t *big.Int) ([]byte, error) {
	return staking.abi.Pack("setThreshold", t)
}

// PackSignalReadyForNextEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a25bdee.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function signalReadyForNextEpoch(uint256 epochNumber, uint256 lock) returns()
func (staking *Staking) PackSignalReadyForNextEpoch(epochNumber *big.Int, lock *big.Int) []byte {
	enc, err := staking.abi.Pack("signalReadyForNextEpoch", epochNumber, lock)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSignalReadyForNextEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a25bdee.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function signalReadyForNextEpoch(uint256 epochNumber, uint256 lock) returns()
func (staking *Staking) TryPackSignalReadyForNextEpoch(epochNumber *big.Int, lock *big.Int) ([]byte, error) {
	return staking.abi.Pack("signalReadyForNextEpoch", epochNumber, lock)
}

// PackState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc19d93fb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function state() view returns(uint8)
func (staking *Staking) PackState() []byte {
	enc, err := staking.abi.Pack("state")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc19d93fb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function state() view returns(uint8)
func (staking *Staking) TryPackState() ([]byte, error) {
	return staking.abi.Pack("state")
}

// UnpackState is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc19d93fb.
//
// Solidity: function state() view returns(uint8)
func (staking *Staking) UnpackState(data []byte) (uint8, error) {
	out, err := staking.abi.Unpack("state", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackThreshold is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42cde4e8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function threshold() view returns(uint256)
func (staking *Staking) PackThreshold() []byte {
	enc, err := staking.abi.Pack("threshold")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackThreshold is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42cde4e8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function threshold() view returns(uint256)
func (staking *Staking) TryPackThreshold() ([]byte, error) {
	return staking.abi.Pack("threshold")
}

// UnpackThreshold is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x42cde4e8.
//
// Solidity: function threshold() view returns(uint256)
func (staking *Staking) UnpackThreshold(data []byte) (*big.Int, error) {
	out, err := staking.abi.Unpack("threshold", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackThresholdFixed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4f640678.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function thresholdFixed() view returns(bool)
func (staking *Staking) PackThresholdFixed() []byte {
	enc, err := staking.abi.Pack("thresholdFixed")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackThresholdFixed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4f640678.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function thresholdFixed() view returns(bool)
func (staking *Staking) TryPackThresholdFixed() ([]byte, error) {
	return staking.abi.Pack("thresholdFixed")
}

// UnpackThresholdFixed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4f640678.
//
// Solidity: function thresholdFixed() view returns(bool)
func (staking *Staking) UnpackThresholdFixed(data []byte) (bool, error) {
	out, err := staking.abi.Unpack("thresholdFixed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (staking *Staking) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := staking.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (staking *Staking) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return staking.abi.Pack("transferOwnership", newOwner)
}

// PackUnlockValidatorsForNextEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc006e00b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unlockValidatorsForNextEpoch() returns()
func (staking *Staking) PackUnlockValidatorsForNextEpoch() []byte {
	enc, err := staking.abi.Pack("unlockValidatorsForNextEpoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnlockValidatorsForNextEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc006e00b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unlockValidatorsForNextEpoch() returns()
func (staking *Staking) TryPackUnlockValidatorsForNextEpoch() ([]byte, error) {
	return staking.abi.Pack("unlockValidatorsForNextEpoch")
}

// PackUseDefaultThreshold is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfedfb6fe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function useDefaultThreshold() returns()
func (staking *Staking) PackUseDefaultThreshold() []byte {
	enc, err := staking.abi.Pack("useDefaultThreshold")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUseDefaultThreshold is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfedfb6fe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function useDefaultThreshold() returns()
func (staking *Staking) TryPackUseDefaultThreshold() ([]byte, error) {
	return staking.abi.Pack("useDefaultThreshold")
}

// PackValidators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa52c7d8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function validators(address nodeAddress) view returns((uint32,uint128,uint32,address,uint256,uint256,uint256))
func (staking *Staking) PackValidators(nodeAddress common.Address) []byte {
	enc, err := staking.abi.Pack("validators", nodeAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackValidators is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa52c7d8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function validators(address nodeAddress) view returns((uint32,uint128,uint32,address,uint256,uint256,uint256))
func (staking *Staking) TryPackValidators(nodeAddress common.Address) ([]byte, error) {
	return staking.abi.Pack("validators", nodeAddress)
}

// UnpackValidators is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfa52c7d8.
//
// Solidity: function validators(address nodeAddress) view returns((uint32,uint128,uint32,address,uint256,uint256,uint256))
func (staking *Staking) UnpackValidators(data []byte) (Validator, error) {
	out, err := staking.abi.Unpack("validators", data)
	if err != nil {
		return *new(Validator), err
	}
	out0 := *abi.ConvertType(out[0], new(Validator)).(*Validator)
	return out0, nil
}

// StakingDkgKeySet represents a DkgKeySet event raised by the Staking contract.
type StakingDkgKeySet struct {
	NodeAddress common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingDkgKeySetEventName = "DkgKeySet"

// ContractEventName returns the user-defined event name.
func (StakingDkgKeySet) ContractEventName() string {
	return StakingDkgKeySetEventName
}

// UnpackDkgKeySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DkgKeySet(address indexed nodeAddress)
func (staking *Staking) UnpackDkgKeySetEvent(log *types.Log) (*StakingDkgKeySet, error) {
	event := "DkgKeySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingDkgKeySet)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingEpochAdvanced represents a EpochAdvanced event raised by the Staking contract.
type StakingEpochAdvanced struct {
	Number *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const StakingEpochAdvancedEventName = "EpochAdvanced"

// ContractEventName returns the user-defined event name.
func (StakingEpochAdvanced) ContractEventName() string {
	return StakingEpochAdvancedEventName
}

// UnpackEpochAdvancedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EpochAdvanced(uint256 number)
func (staking *Staking) UnpackEpochAdvancedEvent(log *types.Log) (*StakingEpochAdvanced, error) {
	event := "EpochAdvanced"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingEpochAdvanced)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingEpochLengthSet represents a EpochLengthSet event raised by the Staking contract.
type StakingEpochLengthSet struct {
	NewEpochLength *big.Int
	Raw            *types.Log // Blockchain specific contextual infos
}

const StakingEpochLengthSetEventName = "EpochLengthSet"

// ContractEventName returns the user-defined event name.
func (StakingEpochLengthSet) ContractEventName() string {
	return StakingEpochLengthSetEventName
}

// UnpackEpochLengthSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EpochLengthSet(uint256 newEpochLength)
func (staking *Staking) UnpackEpochLengthSetEvent(log *types.Log) (*StakingEpochLengthSet, error) {
	event := "EpochLengthSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingEpochLengthSet)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingJoinApproved represents a JoinApproved event raised by the Staking contract.
type StakingJoinApproved struct {
	NodeAddress common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingJoinApprovedEventName = "JoinApproved"

// ContractEventName returns the user-defined event name.
func (StakingJoinApproved) ContractEventName() string {
	return StakingJoinApprovedEventName
}

// UnpackJoinApprovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JoinApproved(address indexed nodeAddress)
func (staking *Staking) UnpackJoinApprovedEvent(log *types.Log) (*StakingJoinApproved, error) {
	event := "JoinApproved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingJoinApproved)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingJoinCancelled represents a JoinCancelled event raised by the Staking contract.
type StakingJoinCancelled struct {
	NodeAddress common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingJoinCancelledEventName = "JoinCancelled"

// ContractEventName returns the user-defined event name.
func (StakingJoinCancelled) ContractEventName() string {
	return StakingJoinCancelledEventName
}

// UnpackJoinCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JoinCancelled(address indexed nodeAddress)
func (staking *Staking) UnpackJoinCancelledEvent(log *types.Log) (*StakingJoinCancelled, error) {
	event := "JoinCancelled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingJoinCancelled)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingJoinRequested represents a JoinRequested event raised by the Staking contract.
type StakingJoinRequested struct {
	NodeAddress common.Address
	Ip          uint32
	Port        uint32
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingJoinRequestedEventName = "JoinRequested"

// ContractEventName returns the user-defined event name.
func (StakingJoinRequested) ContractEventName() string {
	return StakingJoinRequestedEventName
}

// UnpackJoinRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JoinRequested(address indexed nodeAddress, uint32 ip, uint32 port)
func (staking *Staking) UnpackJoinRequestedEvent(log *types.Log) (*StakingJoinRequested, error) {
	event := "JoinRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingJoinRequested)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingLeaveCancelled represents a LeaveCancelled event raised by the Staking contract.
type StakingLeaveCancelled struct {
	NodeAddress common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingLeaveCancelledEventName = "LeaveCancelled"

// ContractEventName returns the user-defined event name.
func (StakingLeaveCancelled) ContractEventName() string {
	return StakingLeaveCancelledEventName
}

// UnpackLeaveCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LeaveCancelled(address indexed nodeAddress)
func (staking *Staking) UnpackLeaveCancelledEvent(log *types.Log) (*StakingLeaveCancelled, error) {
	event := "LeaveCancelled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingLeaveCancelled)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingLeaveRequested represents a LeaveRequested event raised by the Staking contract.
type StakingLeaveRequested struct {
	NodeAddress common.Address
	Kicked      bool
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingLeaveRequestedEventName = "LeaveRequested"

// ContractEventName returns the user-defined event name.
func (StakingLeaveRequested) ContractEventName() string {
	return StakingLeaveRequestedEventName
}

// UnpackLeaveRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LeaveRequested(address indexed nodeAddress, bool kicked)
func (staking *Staking) UnpackLeaveRequestedEvent(log *types.Log) (*StakingLeaveRequested, error) {
	event := "LeaveRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingLeaveRequested)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingNextValidatorSetLocked represents a NextValidatorSetLocked event raised by the Staking contract.
type StakingNextValidatorSetLocked struct {
	NextEpoch *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const StakingNextValidatorSetLockedEventName = "NextValidatorSetLocked"

// ContractEventName returns the user-defined event name.
func (StakingNextValidatorSetLocked) ContractEventName() string {
	return StakingNextValidatorSetLockedEventName
}

// UnpackNextValidatorSetLockedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NextValidatorSetLocked(uint256 nextEpoch)
func (staking *Staking) UnpackNextValidatorSetLockedEvent(log *types.Log) (*StakingNextValidatorSetLocked, error) {
	event := "NextValidatorSetLocked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingNextValidatorSetLocked)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingNextValidatorSetUnlocked represents a NextValidatorSetUnlocked event raised by the Staking contract.
type StakingNextValidatorSetUnlocked struct {
	NextEpoch *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const StakingNextValidatorSetUnlockedEventName = "NextValidatorSetUnlocked"

// ContractEventName returns the user-defined event name.
func (StakingNextValidatorSetUnlocked) ContractEventName() string {
	return StakingNextValidatorSetUnlockedEventName
}

// UnpackNextValidatorSetUnlockedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NextValidatorSetUnlocked(uint256 nextEpoch)
func (staking *Staking) UnpackNextValidatorSetUnlockedEvent(log *types.Log) (*StakingNextValidatorSetUnlocked, error) {
	event := "NextValidatorSetUnlocked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingNextValidatorSetUnlocked)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingNodeAdded represents a NodeAdded event raised by the Staking contract.
type StakingNodeAdded struct {
	NodeAddress common.Address
	Ip          uint32
	Port        uint32
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingNodeAddedEventName = "NodeAdded"

// ContractEventName returns the user-defined event name.
func (StakingNodeAdded) ContractEventName() string {
	return StakingNodeAddedEventName
}

// UnpackNodeAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NodeAdded(address indexed nodeAddress, uint32 ip, uint32 port)
func (staking *Staking) UnpackNodeAddedEvent(log *types.Log) (*StakingNodeAdded, error) {
	event := "NodeAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingNodeAdded)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingNodeRemoved represents a NodeRemoved event raised by the Staking contract.
type StakingNodeRemoved struct {
	NodeAddress common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingNodeRemovedEventName = "NodeRemoved"

// ContractEventName returns the user-defined event name.
func (StakingNodeRemoved) ContractEventName() string {
	return StakingNodeRemovedEventName
}

// UnpackNodeRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NodeRemoved(address indexed nodeAddress)
func (staking *Staking) UnpackNodeRemovedEvent(log *types.Log) (*StakingNodeRemoved, error) {
	event := "NodeRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingNodeRemoved)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingOwnershipTransferred represents a OwnershipTransferred event raised by the Staking contract.
type StakingOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const StakingOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (StakingOwnershipTransferred) ContractEventName() string {
	return StakingOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (staking *Staking) UnpackOwnershipTransferredEvent(log *types.Log) (*StakingOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingReadyForNextEpochSignalled represents a ReadyForNextEpochSignalled event raised by the Staking contract.
type StakingReadyForNextEpochSignalled struct {
	NodeAddress common.Address
	NextEpoch   *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const StakingReadyForNextEpochSignalledEventName = "ReadyForNextEpochSignalled"

// ContractEventName returns the user-defined event name.
func (StakingReadyForNextEpochSignalled) ContractEventName() string {
	return StakingReadyForNextEpochSignalledEventName
}

// UnpackReadyForNextEpochSignalledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ReadyForNextEpochSignalled(address indexed nodeAddress, uint256 nextEpoch)
func (staking *Staking) UnpackReadyForNextEpochSignalledEvent(log *types.Log) (*StakingReadyForNextEpochSignalled, error) {
	event := "ReadyForNextEpochSignalled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingReadyForNextEpochSignalled)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingStateChanged represents a StateChanged event raised by the Staking contract.
type StakingStateChanged struct {
	NewState uint8
	Raw      *types.Log // Blockchain specific contextual infos
}

const StakingStateChangedEventName = "StateChanged"

// ContractEventName returns the user-defined event name.
func (StakingStateChanged) ContractEventName() string {
	return StakingStateChangedEventName
}

// UnpackStateChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event StateChanged(uint8 newState)
func (staking *Staking) UnpackStateChangedEvent(log *types.Log) (*StakingStateChanged, error) {
	event := "StateChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingStateChanged)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// StakingThresholdSet represents a ThresholdSet event raised by the Staking contract.
type StakingThresholdSet struct {
	Threshold    *big.Int
	FixedByOwner bool
	Raw          *types.Log // Blockchain specific contextual infos
}

const StakingThresholdSetEventName = "ThresholdSet"

// ContractEventName returns the user-defined event name.
func (StakingThresholdSet) ContractEventName() string {
	return StakingThresholdSetEventName
}

// UnpackThresholdSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ThresholdSet(uint256 threshold, bool fixedByOwner)
func (staking *Staking) UnpackThresholdSetEvent(log *types.Log) (*StakingThresholdSet, error) {
	event := "ThresholdSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != staking.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(StakingThresholdSet)
	if len(log.Data) > 0 {
		if err := staking.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range staking.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (staking *Staking) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], staking.abi.Errors["AlreadySignalledReady"].ID.Bytes()[:4]) {
		return staking.UnpackAlreadySignalledReadyError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["DkgKeyAlreadySet"].ID.Bytes()[:4]) {
		return staking.UnpackDkgKeyAlreadySetError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["DkgKeyInUse"].ID.Bytes()[:4]) {
		return staking.UnpackDkgKeyInUseError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["DuplicateSigner"].ID.Bytes()[:4]) {
		return staking.UnpackDuplicateSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["EndpointInUse"].ID.Bytes()[:4]) {
		return staking.UnpackEndpointInUseError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["IndicesExhausted"].ID.Bytes()[:4]) {
		return staking.UnpackIndicesExhaustedError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["InvalidDkgKey"].ID.Bytes()[:4]) {
		return staking.UnpackInvalidDkgKeyError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["InvalidEndpoint"].ID.Bytes()[:4]) {
		return staking.UnpackInvalidEndpointError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["InvalidEpochLength"].ID.Bytes()[:4]) {
		return staking.UnpackInvalidEpochLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return staking.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["InvalidThreshold"].ID.Bytes()[:4]) {
		return staking.UnpackInvalidThresholdError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["InvalidTransportKey"].ID.Bytes()[:4]) {
		return staking.UnpackInvalidTransportKeyError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["JoinAlreadyRequested"].ID.Bytes()[:4]) {
		return staking.UnpackJoinAlreadyRequestedError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["JoinRequestChanged"].ID.Bytes()[:4]) {
		return staking.UnpackJoinRequestChangedError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["LeaveAlreadyRequested"].ID.Bytes()[:4]) {
		return staking.UnpackLeaveAlreadyRequestedError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["NoJoinRequest"].ID.Bytes()[:4]) {
		return staking.UnpackNoJoinRequestError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["NoLeaveRequest"].ID.Bytes()[:4]) {
		return staking.UnpackNoLeaveRequestError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["NodeAlreadyRegistered"].ID.Bytes()[:4]) {
		return staking.UnpackNodeAlreadyRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["NodeNotRegistered"].ID.Bytes()[:4]) {
		return staking.UnpackNodeNotRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["NotARefresh"].ID.Bytes()[:4]) {
		return staking.UnpackNotARefreshError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["NotEnoughSignatures"].ID.Bytes()[:4]) {
		return staking.UnpackNotEnoughSignaturesError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["NotInNextSet"].ID.Bytes()[:4]) {
		return staking.UnpackNotInNextSetError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["NotReadyForNextEpoch"].ID.Bytes()[:4]) {
		return staking.UnpackNotReadyForNextEpochError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return staking.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return staking.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["RefreshDisabled"].ID.Bytes()[:4]) {
		return staking.UnpackRefreshDisabledError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["RefreshNotDue"].ID.Bytes()[:4]) {
		return staking.UnpackRefreshNotDueError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["TooManyNodes"].ID.Bytes()[:4]) {
		return staking.UnpackTooManyNodesError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["TooManyPendingJoins"].ID.Bytes()[:4]) {
		return staking.UnpackTooManyPendingJoinsError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["TransportKeyInUse"].ID.Bytes()[:4]) {
		return staking.UnpackTransportKeyInUseError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["UnknownSigner"].ID.Bytes()[:4]) {
		return staking.UnpackUnknownSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["WrongLock"].ID.Bytes()[:4]) {
		return staking.UnpackWrongLockError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["WrongNextEpoch"].ID.Bytes()[:4]) {
		return staking.UnpackWrongNextEpochError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["WrongState"].ID.Bytes()[:4]) {
		return staking.UnpackWrongStateError(raw[4:])
	}
	if bytes.Equal(raw[:4], staking.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return staking.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// StakingAlreadySignalledReady represents a AlreadySignalledReady error raised by the Staking contract.
type StakingAlreadySignalledReady struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadySignalledReady(address nodeAddress)
func StakingAlreadySignalledReadyErrorID() common.Hash {
	return common.HexToHash("0xca2a1320a7c62a892222e1eb25a27633b85e1bcc82a56ccb632bf9f0e9e20c9a")
}

// UnpackAlreadySignalledReadyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadySignalledReady(address nodeAddress)
func (staking *Staking) UnpackAlreadySignalledReadyError(raw []byte) (*StakingAlreadySignalledReady, error) {
	out := new(StakingAlreadySignalledReady)
	if err := staking.abi.UnpackIntoInterface(out, "AlreadySignalledReady", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingDkgKeyAlreadySet represents a DkgKeyAlreadySet error raised by the Staking contract.
type StakingDkgKeyAlreadySet struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DkgKeyAlreadySet(address nodeAddress)
func StakingDkgKeyAlreadySetErrorID() common.Hash {
	return common.HexToHash("0x7f09587a138629b406a97e799f1cb1185ce47cc39164efc96a0f643b15462bd2")
}

// UnpackDkgKeyAlreadySetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DkgKeyAlreadySet(address nodeAddress)
func (staking *Staking) UnpackDkgKeyAlreadySetError(raw []byte) (*StakingDkgKeyAlreadySet, error) {
	out := new(StakingDkgKeyAlreadySet)
	if err := staking.abi.UnpackIntoInterface(out, "DkgKeyAlreadySet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingDkgKeyInUse represents a DkgKeyInUse error raised by the Staking contract.
type StakingDkgKeyInUse struct {
	Holder common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DkgKeyInUse(address holder)
func StakingDkgKeyInUseErrorID() common.Hash {
	return common.HexToHash("0xa0b1f7bea3260397d11689bc812257c3e71bde406c864b2938421feb18339963")
}

// UnpackDkgKeyInUseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DkgKeyInUse(address holder)
func (staking *Staking) UnpackDkgKeyInUseError(raw []byte) (*StakingDkgKeyInUse, error) {
	out := new(StakingDkgKeyInUse)
	if err := staking.abi.UnpackIntoInterface(out, "DkgKeyInUse", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingDuplicateSigner represents a DuplicateSigner error raised by the Staking contract.
type StakingDuplicateSigner struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DuplicateSigner(address signer)
func StakingDuplicateSignerErrorID() common.Hash {
	return common.HexToHash("0xe021c4f2415a9d8c855bf74014e55359de4df1d596d9a3336e25c64ca04465d6")
}

// UnpackDuplicateSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DuplicateSigner(address signer)
func (staking *Staking) UnpackDuplicateSignerError(raw []byte) (*StakingDuplicateSigner, error) {
	out := new(StakingDuplicateSigner)
	if err := staking.abi.UnpackIntoInterface(out, "DuplicateSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingEndpointInUse represents a EndpointInUse error raised by the Staking contract.
type StakingEndpointInUse struct {
	Ip   uint32
	Port uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EndpointInUse(uint32 ip, uint32 port)
func StakingEndpointInUseErrorID() common.Hash {
	return common.HexToHash("0x99f6fdca7595c1cc7e33e570204d8dea11e6975752f14350938fe222830b026b")
}

// UnpackEndpointInUseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EndpointInUse(uint32 ip, uint32 port)
func (staking *Staking) UnpackEndpointInUseError(raw []byte) (*StakingEndpointInUse, error) {
	out := new(StakingEndpointInUse)
	if err := staking.abi.UnpackIntoInterface(out, "EndpointInUse", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingIndicesExhausted represents a IndicesExhausted error raised by the Staking contract.
type StakingIndicesExhausted struct {
	MaxIndex *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error IndicesExhausted(uint256 maxIndex)
func StakingIndicesExhaustedErrorID() common.Hash {
	return common.HexToHash("0x81da61d88a4311ccaa9afe120e0a385ce694d889942fd0eee05b74fcf2cb486c")
}

// UnpackIndicesExhaustedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error IndicesExhausted(uint256 maxIndex)
func (staking *Staking) UnpackIndicesExhaustedError(raw []byte) (*StakingIndicesExhausted, error) {
	out := new(StakingIndicesExhausted)
	if err := staking.abi.UnpackIntoInterface(out, "IndicesExhausted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingInvalidDkgKey represents a InvalidDkgKey error raised by the Staking contract.
type StakingInvalidDkgKey struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidDkgKey(uint256 length)
func StakingInvalidDkgKeyErrorID() common.Hash {
	return common.HexToHash("0xf97297224a22c756c1ba2a914d9dba68696967c5cbde56c80afbcdce943d46ef")
}

// UnpackInvalidDkgKeyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidDkgKey(uint256 length)
func (staking *Staking) UnpackInvalidDkgKeyError(raw []byte) (*StakingInvalidDkgKey, error) {
	out := new(StakingInvalidDkgKey)
	if err := staking.abi.UnpackIntoInterface(out, "InvalidDkgKey", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingInvalidEndpoint represents a InvalidEndpoint error raised by the Staking contract.
type StakingInvalidEndpoint struct {
	Ip   uint32
	Port uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidEndpoint(uint32 ip, uint32 port)
func StakingInvalidEndpointErrorID() common.Hash {
	return common.HexToHash("0x2a557c1d4f3a3352ead1ee83e31841b77ebf7a42f7cee6a9d3b6b9139b54cddf")
}

// UnpackInvalidEndpointError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidEndpoint(uint32 ip, uint32 port)
func (staking *Staking) UnpackInvalidEndpointError(raw []byte) (*StakingInvalidEndpoint, error) {
	out := new(StakingInvalidEndpoint)
	if err := staking.abi.UnpackIntoInterface(out, "InvalidEndpoint", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingInvalidEpochLength represents a InvalidEpochLength error raised by the Staking contract.
type StakingInvalidEpochLength struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidEpochLength()
func StakingInvalidEpochLengthErrorID() common.Hash {
	return common.HexToHash("0x88ac0897276e9ba6213ea9c9afc6dc89eeb39f4bfd6f53e590636b8a784dd68d")
}

// UnpackInvalidEpochLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidEpochLength()
func (staking *Staking) UnpackInvalidEpochLengthError(raw []byte) (*StakingInvalidEpochLength, error) {
	out := new(StakingInvalidEpochLength)
	if err := staking.abi.UnpackIntoInterface(out, "InvalidEpochLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingInvalidSignature represents a InvalidSignature error raised by the Staking contract.
type StakingInvalidSignature struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature(uint256 index)
func StakingInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x52bf9848f4f569cd5e845a26f8524878f8ac004dcaace7433d78683624c84a76")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature(uint256 index)
func (staking *Staking) UnpackInvalidSignatureError(raw []byte) (*StakingInvalidSignature, error) {
	out := new(StakingInvalidSignature)
	if err := staking.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingInvalidThreshold represents a InvalidThreshold error raised by the Staking contract.
type StakingInvalidThreshold struct {
	Threshold *big.Int
	NodeCount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidThreshold(uint256 threshold, uint256 nodeCount)
func StakingInvalidThresholdErrorID() common.Hash {
	return common.HexToHash("0x7b7a98f144b22ac349117faf884147efe6b9d8f459322b9ed0cb76310884f093")
}

// UnpackInvalidThresholdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidThreshold(uint256 threshold, uint256 nodeCount)
func (staking *Staking) UnpackInvalidThresholdError(raw []byte) (*StakingInvalidThreshold, error) {
	out := new(StakingInvalidThreshold)
	if err := staking.abi.UnpackIntoInterface(out, "InvalidThreshold", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingInvalidTransportKey represents a InvalidTransportKey error raised by the Staking contract.
type StakingInvalidTransportKey struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidTransportKey()
func StakingInvalidTransportKeyErrorID() common.Hash {
	return common.HexToHash("0x9fe31368fe280a8adae593c93142dfd122d13aa3cfe56385f7342683454059d0")
}

// UnpackInvalidTransportKeyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidTransportKey()
func (staking *Staking) UnpackInvalidTransportKeyError(raw []byte) (*StakingInvalidTransportKey, error) {
	out := new(StakingInvalidTransportKey)
	if err := staking.abi.UnpackIntoInterface(out, "InvalidTransportKey", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingJoinAlreadyRequested represents a JoinAlreadyRequested error raised by the Staking contract.
type StakingJoinAlreadyRequested struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JoinAlreadyRequested(address nodeAddress)
func StakingJoinAlreadyRequestedErrorID() common.Hash {
	return common.HexToHash("0x7ec0ffa013d51bc2a7ecb42c2ea1d4949f0b9268e0bcb6613563a451cbe3f1bd")
}

// UnpackJoinAlreadyRequestedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JoinAlreadyRequested(address nodeAddress)
func (staking *Staking) UnpackJoinAlreadyRequestedError(raw []byte) (*StakingJoinAlreadyRequested, error) {
	out := new(StakingJoinAlreadyRequested)
	if err := staking.abi.UnpackIntoInterface(out, "JoinAlreadyRequested", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingJoinRequestChanged represents a JoinRequestChanged error raised by the Staking contract.
type StakingJoinRequestChanged struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JoinRequestChanged(address nodeAddress)
func StakingJoinRequestChangedErrorID() common.Hash {
	return common.HexToHash("0x1446480f63358001cbab8e9ed79d82886f700c8f973826ef30d7a07674eb1993")
}

// UnpackJoinRequestChangedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JoinRequestChanged(address nodeAddress)
func (staking *Staking) UnpackJoinRequestChangedError(raw []byte) (*StakingJoinRequestChanged, error) {
	out := new(StakingJoinRequestChanged)
	if err := staking.abi.UnpackIntoInterface(out, "JoinRequestChanged", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingLeaveAlreadyRequested represents a LeaveAlreadyRequested error raised by the Staking contract.
type StakingLeaveAlreadyRequested struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LeaveAlreadyRequested(address nodeAddress)
func StakingLeaveAlreadyRequestedErrorID() common.Hash {
	return common.HexToHash("0x846c2813fd65bca534db8ed64d367eba334921535d77ebcf8925440d050ef271")
}

// UnpackLeaveAlreadyRequestedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LeaveAlreadyRequested(address nodeAddress)
func (staking *Staking) UnpackLeaveAlreadyRequestedError(raw []byte) (*StakingLeaveAlreadyRequested, error) {
	out := new(StakingLeaveAlreadyRequested)
	if err := staking.abi.UnpackIntoInterface(out, "LeaveAlreadyRequested", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingNoJoinRequest represents a NoJoinRequest error raised by the Staking contract.
type StakingNoJoinRequest struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoJoinRequest(address nodeAddress)
func StakingNoJoinRequestErrorID() common.Hash {
	return common.HexToHash("0xe02b77389ed0e02880a3d092b2b7f3315a82908b434fab5dc4659ba5892b45d6")
}

// UnpackNoJoinRequestError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoJoinRequest(address nodeAddress)
func (staking *Staking) UnpackNoJoinRequestError(raw []byte) (*StakingNoJoinRequest, error) {
	out := new(StakingNoJoinRequest)
	if err := staking.abi.UnpackIntoInterface(out, "NoJoinRequest", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingNoLeaveRequest represents a NoLeaveRequest error raised by the Staking contract.
type StakingNoLeaveRequest struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoLeaveRequest(address nodeAddress)
func StakingNoLeaveRequestErrorID() common.Hash {
	return common.HexToHash("0xf5f6f76c462d7c4df00aca16d5134fccc09c94ccd781e7cb8ecd9eaaa065c5fa")
}

// UnpackNoLeaveRequestError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoLeaveRequest(address nodeAddress)
func (staking *Staking) UnpackNoLeaveRequestError(raw []byte) (*StakingNoLeaveRequest, error) {
	out := new(StakingNoLeaveRequest)
	if err := staking.abi.UnpackIntoInterface(out, "NoLeaveRequest", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingNodeAlreadyRegistered represents a NodeAlreadyRegistered error raised by the Staking contract.
type StakingNodeAlreadyRegistered struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NodeAlreadyRegistered(address nodeAddress)
func StakingNodeAlreadyRegisteredErrorID() common.Hash {
	return common.HexToHash("0x295548e5f95c1be9744644c67f44b86583e03d913f6613aa5b61cffe764a4e9d")
}

// UnpackNodeAlreadyRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NodeAlreadyRegistered(address nodeAddress)
func (staking *Staking) UnpackNodeAlreadyRegisteredError(raw []byte) (*StakingNodeAlreadyRegistered, error) {
	out := new(StakingNodeAlreadyRegistered)
	if err := staking.abi.UnpackIntoInterface(out, "NodeAlreadyRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingNodeNotRegistered represents a NodeNotRegistered error raised by the Staking contract.
type StakingNodeNotRegistered struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NodeNotRegistered(address nodeAddress)
func StakingNodeNotRegisteredErrorID() common.Hash {
	return common.HexToHash("0x9c3baaedcd13945050d2520b64ddd7584df0bce7a1e1a5e0b36ed0f5159bb7af")
}

// UnpackNodeNotRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NodeNotRegistered(address nodeAddress)
func (staking *Staking) UnpackNodeNotRegisteredError(raw []byte) (*StakingNodeNotRegistered, error) {
	out := new(StakingNodeNotRegistered)
	if err := staking.abi.UnpackIntoInterface(out, "NodeNotRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingNotARefresh represents a NotARefresh error raised by the Staking contract.
type StakingNotARefresh struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotARefresh()
func StakingNotARefreshErrorID() common.Hash {
	return common.HexToHash("0x920e92c97d1cbb0bdaaf625a95b1ae2077a892ee6163ec41e6d418fe78d5491c")
}

// UnpackNotARefreshError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotARefresh()
func (staking *Staking) UnpackNotARefreshError(raw []byte) (*StakingNotARefresh, error) {
	out := new(StakingNotARefresh)
	if err := staking.abi.UnpackIntoInterface(out, "NotARefresh", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingNotEnoughSignatures represents a NotEnoughSignatures error raised by the Staking contract.
type StakingNotEnoughSignatures struct {
	Got    *big.Int
	Needed *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotEnoughSignatures(uint256 got, uint256 needed)
func StakingNotEnoughSignaturesErrorID() common.Hash {
	return common.HexToHash("0x79c193d2b9a5ab2a87f6c5945f80093d2564073c49c98e4bca0ef08737475744")
}

// UnpackNotEnoughSignaturesError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotEnoughSignatures(uint256 got, uint256 needed)
func (staking *Staking) UnpackNotEnoughSignaturesError(raw []byte) (*StakingNotEnoughSignatures, error) {
	out := new(StakingNotEnoughSignatures)
	if err := staking.abi.UnpackIntoInterface(out, "NotEnoughSignatures", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingNotInNextSet represents a NotInNextSet error raised by the Staking contract.
type StakingNotInNextSet struct {
	NodeAddress common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotInNextSet(address nodeAddress)
func StakingNotInNextSetErrorID() common.Hash {
	return common.HexToHash("0x65bee8c03be0ec7d04cdf9227982fac94868a0a57696b8a5b0a65e2b0496e673")
}

// UnpackNotInNextSetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotInNextSet(address nodeAddress)
func (staking *Staking) UnpackNotInNextSetError(raw []byte) (*StakingNotInNextSet, error) {
	out := new(StakingNotInNextSet)
	if err := staking.abi.UnpackIntoInterface(out, "NotInNextSet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingNotReadyForNextEpoch represents a NotReadyForNextEpoch error raised by the Staking contract.
type StakingNotReadyForNextEpoch struct {
	Current uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotReadyForNextEpoch(uint8 current)
func StakingNotReadyForNextEpochErrorID() common.Hash {
	return common.HexToHash("0x695885ca8296f29caafc5c1d2a1c11538998a0cac55b5e5bb0e67c6c628c3055")
}

// UnpackNotReadyForNextEpochError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotReadyForNextEpoch(uint8 current)
func (staking *Staking) UnpackNotReadyForNextEpochError(raw []byte) (*StakingNotReadyForNextEpoch, error) {
	out := new(StakingNotReadyForNextEpoch)
	if err := staking.abi.UnpackIntoInterface(out, "NotReadyForNextEpoch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the Staking contract.
type StakingOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func StakingOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (staking *Staking) UnpackOwnableInvalidOwnerError(raw []byte) (*StakingOwnableInvalidOwner, error) {
	out := new(StakingOwnableInvalidOwner)
	if err := staking.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the Staking contract.
type StakingOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func StakingOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (staking *Staking) UnpackOwnableUnauthorizedAccountError(raw []byte) (*StakingOwnableUnauthorizedAccount, error) {
	out := new(StakingOwnableUnauthorizedAccount)
	if err := staking.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingRefreshDisabled represents a RefreshDisabled error raised by the Staking contract.
type StakingRefreshDisabled struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RefreshDisabled()
func StakingRefreshDisabledErrorID() common.Hash {
	return common.HexToHash("0x31c538d6ec3608a349d89c5a25056619462b9dd8f10a4bb8c11d6fbbacc0ef1a")
}

// UnpackRefreshDisabledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RefreshDisabled()
func (staking *Staking) UnpackRefreshDisabledError(raw []byte) (*StakingRefreshDisabled, error) {
	out := new(StakingRefreshDisabled)
	if err := staking.abi.UnpackIntoInterface(out, "RefreshDisabled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingRefreshNotDue represents a RefreshNotDue error raised by the Staking contract.
type StakingRefreshNotDue struct {
	Now     *big.Int
	EndTime *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RefreshNotDue(uint256 now_, uint256 endTime)
func StakingRefreshNotDueErrorID() common.Hash {
	return common.HexToHash("0x6f07ccdae2c524fffa179d3cb4f36606d9cede043f2e6c23cdb4933641785502")
}

// UnpackRefreshNotDueError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RefreshNotDue(uint256 now_, uint256 endTime)
func (staking *Staking) UnpackRefreshNotDueError(raw []byte) (*StakingRefreshNotDue, error) {
	out := new(StakingRefreshNotDue)
	if err := staking.abi.UnpackIntoInterface(out, "RefreshNotDue", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingTooManyNodes represents a TooManyNodes error raised by the Staking contract.
type StakingTooManyNodes struct {
	Max *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManyNodes(uint256 max)
func StakingTooManyNodesErrorID() common.Hash {
	return common.HexToHash("0xa156ec460fd99e2437b3ed630eed267b71f973d915441718b0c9a74730f01ed6")
}

// UnpackTooManyNodesError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManyNodes(uint256 max)
func (staking *Staking) UnpackTooManyNodesError(raw []byte) (*StakingTooManyNodes, error) {
	out := new(StakingTooManyNodes)
	if err := staking.abi.UnpackIntoInterface(out, "TooManyNodes", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingTooManyPendingJoins represents a TooManyPendingJoins error raised by the Staking contract.
type StakingTooManyPendingJoins struct {
	Max *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManyPendingJoins(uint256 max)
func StakingTooManyPendingJoinsErrorID() common.Hash {
	return common.HexToHash("0xb3342f26fd3b07712257073f99e5e1cdcc774fbf251d426195c5c78782e5c41b")
}

// UnpackTooManyPendingJoinsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManyPendingJoins(uint256 max)
func (staking *Staking) UnpackTooManyPendingJoinsError(raw []byte) (*StakingTooManyPendingJoins, error) {
	out := new(StakingTooManyPendingJoins)
	if err := staking.abi.UnpackIntoInterface(out, "TooManyPendingJoins", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingTransportKeyInUse represents a TransportKeyInUse error raised by the Staking contract.
type StakingTransportKeyInUse struct {
	Holder common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransportKeyInUse(address holder)
func StakingTransportKeyInUseErrorID() common.Hash {
	return common.HexToHash("0xf884c0eaab392a4edc05a1143fc2c0b592f9bf44abe97afd9f16c4b29e398a59")
}

// UnpackTransportKeyInUseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransportKeyInUse(address holder)
func (staking *Staking) UnpackTransportKeyInUseError(raw []byte) (*StakingTransportKeyInUse, error) {
	out := new(StakingTransportKeyInUse)
	if err := staking.abi.UnpackIntoInterface(out, "TransportKeyInUse", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingUnknownSigner represents a UnknownSigner error raised by the Staking contract.
type StakingUnknownSigner struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownSigner(address signer)
func StakingUnknownSignerErrorID() common.Hash {
	return common.HexToHash("0xd7e8a2c26fd6e574581d4dadb54adcae8e49f64b22b2d5386731d559357f82c3")
}

// UnpackUnknownSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownSigner(address signer)
func (staking *Staking) UnpackUnknownSignerError(raw []byte) (*StakingUnknownSigner, error) {
	out := new(StakingUnknownSigner)
	if err := staking.abi.UnpackIntoInterface(out, "UnknownSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingWrongLock represents a WrongLock error raised by the Staking contract.
type StakingWrongLock struct {
	Got  *big.Int
	Want *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongLock(uint256 got, uint256 want)
func StakingWrongLockErrorID() common.Hash {
	return common.HexToHash("0x094d6b77582f49cd95c8c45eadea067e187c25ae9ae6ff3ae695f012ddbbba91")
}

// UnpackWrongLockError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongLock(uint256 got, uint256 want)
func (staking *Staking) UnpackWrongLockError(raw []byte) (*StakingWrongLock, error) {
	out := new(StakingWrongLock)
	if err := staking.abi.UnpackIntoInterface(out, "WrongLock", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingWrongNextEpoch represents a WrongNextEpoch error raised by the Staking contract.
type StakingWrongNextEpoch struct {
	Got  *big.Int
	Want *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongNextEpoch(uint256 got, uint256 want)
func StakingWrongNextEpochErrorID() common.Hash {
	return common.HexToHash("0xf6ab8b3f22dbdc95704281b48561056b25b56251e30d5ee774b7c7c4ce0594f4")
}

// UnpackWrongNextEpochError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongNextEpoch(uint256 got, uint256 want)
func (staking *Staking) UnpackWrongNextEpochError(raw []byte) (*StakingWrongNextEpoch, error) {
	out := new(StakingWrongNextEpoch)
	if err := staking.abi.UnpackIntoInterface(out, "WrongNextEpoch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingWrongState represents a WrongState error raised by the Staking contract.
type StakingWrongState struct {
	Current uint8
	Needed  uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongState(uint8 current, uint8 needed)
func StakingWrongStateErrorID() common.Hash {
	return common.HexToHash("0x5649f63b6ce6adea1e52f7de55bbd3b850ecc14405ec4c0053c5de6954e6cc91")
}

// UnpackWrongStateError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongState(uint8 current, uint8 needed)
func (staking *Staking) UnpackWrongStateError(raw []byte) (*StakingWrongState, error) {
	out := new(StakingWrongState)
	if err := staking.abi.UnpackIntoInterface(out, "WrongState", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// StakingZeroAddress represents a ZeroAddress error raised by the Staking contract.
type StakingZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func StakingZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (staking *Staking) UnpackZeroAddressError(raw []byte) (*StakingZeroAddress, error) {
	out := new(StakingZeroAddress)
	if err := staking.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}
