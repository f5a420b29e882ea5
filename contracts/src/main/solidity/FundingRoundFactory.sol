// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {FundingRoundBase} from "./FundingRoundBase.sol";
import {IPicktartupToken} from "./IPicktartupToken.sol";

/// @notice Creates funding rounds as clones of one `FundingRound` implementation, at an address derived from
/// the platform's round id and the round's parameters (CREATE2), so its address is known before the transaction is
/// mined; `roundOf` records each round id, so a round id is created at most once, whatever the parameters. Holds
/// the roles the rounds consult: RELAYER_ROLE may carry deposits. Registers each round with the token as an escrow
/// (it needs the token's ESCROW_REGISTRAR_ROLE, granted at deployment).
/// Roles, each its own key: ROUND_CREATOR_ROLE creates rounds (the relayer cannot: a stolen relayer key opens no
/// round whose startup wallet it controls); RELAYER_ROLE carries deposits; the one DEFAULT_ADMIN_ROLE account grants
/// them and is handed over in two steps after a delay (AccessControlDefaultAdminRules).
contract FundingRoundFactory is AccessControlDefaultAdminRules {
    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");
    bytes32 public constant ROUND_CREATOR_ROLE = keccak256("ROUND_CREATOR_ROLE");
    uint256 public constant CANCEL_WINDOW = 48 hours;

    address public immutable implementation;
    IPicktartupToken public immutable token;
    /// @notice Where every round's `sweep()` sends stray tokens (PKN sent to a round by plain transfer), once it is
    /// settled; fixed at deployment and copied into each round's immutable arguments.
    address public immutable strayTokenRecipient;
    /// @notice The round created for each round id (zero if none yet).
    mapping(bytes32 roundId => address round) public roundOf;

    event RoundCreated(
        bytes32 indexed roundId,
        address indexed round,
        address startupWallet,
        uint256 goal,
        uint256 hardCap,
        uint256 minInvestment,
        uint256 deadline
    );

    error InvalidRoundParameters();
    error RoundIdTaken(bytes32 roundId, address round);
    error InvalidStrayTokenRecipient();

    constructor(
        address admin,
        address relayer,
        address roundCreator,
        IPicktartupToken token_,
        address implementation_,
        uint48 adminDelay,
        address strayTokenRecipient_
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (strayTokenRecipient_ == address(0)) revert InvalidStrayTokenRecipient();
        strayTokenRecipient = strayTokenRecipient_;
        token = token_;
        implementation = implementation_;
        _grantRole(ROUND_CREATOR_ROLE, roundCreator);
        _grantRole(RELAYER_ROLE, relayer);
    }

    function createRound(
        bytes32 roundId,
        address startupWallet,
        uint256 goal,
        uint256 hardCap,
        uint256 minInvestment,
        uint256 deadline
    ) external onlyRole(ROUND_CREATOR_ROLE) returns (address round) {
        if (
            startupWallet == address(0) || minInvestment == 0 || goal == 0 || goal > hardCap
                || minInvestment > hardCap || hardCap > type(uint128).max || deadline <= block.timestamp + CANCEL_WINDOW
        ) revert InvalidRoundParameters();
        address taken = roundOf[roundId];
        if (taken != address(0)) revert RoundIdTaken(roundId, taken);
        bytes memory args = _args(roundId, startupWallet, goal, hardCap, minInvestment, deadline);
        round = Clones.cloneDeterministicWithImmutableArgs(implementation, args, roundId);
        roundOf[roundId] = round;
        token.registerEscrow(round); // its payouts (refunds, cancels, release) pass a pause of the token
        emit RoundCreated(roundId, round, startupWallet, goal, hardCap, minInvestment, deadline);
    }

    /// @notice The address `createRound` will give (or gave) these parameters.
    function predictRound(
        bytes32 roundId,
        address startupWallet,
        uint256 goal,
        uint256 hardCap,
        uint256 minInvestment,
        uint256 deadline
    ) external view returns (address) {
        bytes memory args = _args(roundId, startupWallet, goal, hardCap, minInvestment, deadline);
        return Clones.predictDeterministicAddressWithImmutableArgs(implementation, args, roundId);
    }

    function _args(
        bytes32 roundId,
        address startupWallet,
        uint256 goal,
        uint256 hardCap,
        uint256 minInvestment,
        uint256 deadline
    ) private view returns (bytes memory) {
        return abi.encode(
            FundingRoundBase.Config(
                roundId, token, address(this), startupWallet, goal, hardCap, minInvestment, deadline
            ),
            strayTokenRecipient
        );
    }
}
