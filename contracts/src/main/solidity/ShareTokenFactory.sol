// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {EligibilityRegistry} from "./EligibilityRegistry.sol";
import {FundingRoundBase} from "./FundingRoundBase.sol";
import {FundingRoundFactory} from "./FundingRoundFactory.sol";
import {ShareToken} from "./ShareToken.sol";

/// @notice Creates the share token of a released funding round: a clone of one `ShareToken` implementation whose
/// configuration (the round, the price of a share, the lock-up's end = now + `LOCKUP`) is appended to its code.
/// Only for a round the funding-round factory created (its address is checked against the factory's CREATE2
/// prediction) and only once it is Released; at most one share token per round. Holds the roles the share tokens
/// consult. Roles, each its own key: ISSUER_ROLE creates share tokens; AGENT_ROLE freezes wallets and requests or
/// approves recoveries (two different holders per recovery); the one DEFAULT_ADMIN_ROLE account grants them and is
/// handed over in two steps after a delay.
contract ShareTokenFactory is AccessControlDefaultAdminRules {
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");
    /// @notice Shares cannot move for this long after their issue (Korean crowdfunding: 6 months).
    uint256 public constant LOCKUP = 180 days;
    /// @notice The KYC level a wallet needs to send or receive shares.
    uint8 public constant MIN_LEVEL = 1;

    address public immutable implementation;
    EligibilityRegistry public immutable registry;
    FundingRoundFactory public immutable roundFactory;

    mapping(address round => address) public shareTokenOf;

    event ShareTokenCreated(
        bytes32 indexed roundId, address indexed round, address shareToken, uint256 pricePerShare, uint256 lockupEnd
    );

    error UnknownRound(address round);
    error RoundNotReleased(address round);
    error ShareTokenExists(address round, address shareToken);
    error InvalidPrice(uint256 pricePerShare);

    constructor(
        address admin,
        address issuer,
        address agent,
        address secondAgent,
        EligibilityRegistry registry_,
        FundingRoundFactory roundFactory_,
        address implementation_,
        uint48 adminDelay
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        registry = registry_;
        roundFactory = roundFactory_;
        implementation = implementation_;
        _grantRole(ISSUER_ROLE, issuer);
        _grantRole(AGENT_ROLE, agent);
        _grantRole(AGENT_ROLE, secondAgent);
    }

    /// @notice Creates `round`'s share token; `pricePerShare` (PKN base units) must divide what the round raised.
    function createShareToken(FundingRoundBase round, uint256 pricePerShare)
        external
        onlyRole(ISSUER_ROLE)
        returns (address shareToken)
    {
        address existing = shareTokenOf[address(round)];
        if (existing != address(0)) revert ShareTokenExists(address(round), existing);
        FundingRoundBase.Config memory rc = round.config();
        if (
            rc.roleSource != address(roundFactory)
                || roundFactory.predictRound(
                    rc.roundId, rc.startupWallet, rc.goal, rc.hardCap, rc.minInvestment, rc.deadline
                ) != address(round)
        ) revert UnknownRound(address(round));
        if (round.status() != FundingRoundBase.Status.Released) revert RoundNotReleased(address(round));
        if (pricePerShare == 0 || round.totalRaised() % pricePerShare != 0) revert InvalidPrice(pricePerShare);
        uint256 lockupEnd = block.timestamp + LOCKUP;
        bytes memory args =
            abi.encode(ShareToken.Config(rc.roundId, round, address(this), registry, pricePerShare, lockupEnd, MIN_LEVEL));
        shareToken = Clones.cloneWithImmutableArgs(implementation, args);
        shareTokenOf[address(round)] = shareToken;
        emit ShareTokenCreated(rc.roundId, address(round), shareToken, pricePerShare, lockupEnd);
    }
}
