// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";

/// @title Who may hold and receive share tokens: a KYC level per wallet, bound to the holder's identity.
/// @notice The platform's compliance agent (COMPLIANCE_AGENT_ROLE) writes, for each wallet whose owner passed KYC,
/// the level reached (0 = none, 1 = identity verified, 2 = qualified investor, …) and an opaque identity key (a
/// hash of the platform's account id, never personal data), so that a lost wallet's holding can be recovered only
/// to a wallet of the same identity. Share tokens read `levelOf`/`bothEligible` on every transfer.
/// Roles, each its own key: DEFAULT_ADMIN_ROLE (one account, handed over in two steps after a delay) grants
/// COMPLIANCE_AGENT_ROLE.
contract EligibilityRegistry is AccessControlDefaultAdminRules {
    bytes32 public constant COMPLIANCE_AGENT_ROLE = keccak256("COMPLIANCE_AGENT_ROLE");

    /// One wallet's entry, in one slot: the level and the identity key's low 248 bits.
    struct Entry {
        uint8 level;
        uint248 identity;
    }

    mapping(address wallet => Entry) private _entries;

    event LevelSet(address indexed wallet, uint8 level, uint248 indexed identity, address agent);

    error ZeroWallet();
    error ZeroIdentity();
    error LengthMismatch();

    constructor(address admin, address complianceAgent, uint48 adminDelay)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        _grantRole(COMPLIANCE_AGENT_ROLE, complianceAgent);
    }

    /// @notice Sets `wallet`'s KYC level and identity key (level 0 removes the eligibility, not the identity).
    function setLevel(address wallet, uint248 identity, uint8 level) external onlyRole(COMPLIANCE_AGENT_ROLE) {
        _set(wallet, identity, level);
    }

    /// @notice Many wallets at once (the same as `setLevel` for each).
    function setLevels(address[] calldata wallets, uint248[] calldata identities, uint8[] calldata levels)
        external
        onlyRole(COMPLIANCE_AGENT_ROLE)
    {
        if (wallets.length != identities.length || wallets.length != levels.length) revert LengthMismatch();
        for (uint256 i; i < wallets.length; ++i) {
            _set(wallets[i], identities[i], levels[i]);
        }
    }

    function _set(address wallet, uint248 identity, uint8 level) private {
        if (wallet == address(0)) revert ZeroWallet();
        if (identity == 0) revert ZeroIdentity();
        _entries[wallet] = Entry(level, identity);
        emit LevelSet(wallet, level, identity, msg.sender);
    }

    function levelOf(address wallet) external view returns (uint8) {
        return _entries[wallet].level;
    }

    function identityOf(address wallet) external view returns (uint248) {
        return _entries[wallet].identity;
    }

    /// @return whether both wallets hold at least `minLevel` (one call for a transfer's two checks)
    function bothEligible(address a, address b, uint8 minLevel) external view returns (bool) {
        return _entries[a].level >= minLevel && _entries[b].level >= minLevel;
    }
}
