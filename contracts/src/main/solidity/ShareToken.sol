// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {EligibilityRegistry} from "./EligibilityRegistry.sol";
import {FundingRoundBase} from "./FundingRoundBase.sol";

/// @title The shares of one released funding round, as a token (the ideas of ERC-3643/T-REX, kept minimal).
/// @notice One clone per round, created by the `ShareTokenFactory` once the round's escrow is Released. Balances are
/// whole shares (decimals 0): `issueNext` walks the escrow's investors in deposit order and gives each
/// `position / pricePerShare` shares, exactly once (a cursor, resumable, carried by anyone), so the total supply is
/// always the round's confirmed shares: `totalRaised / pricePerShare` once issuing is complete.
/// A transfer (`transfer`, or `transferBySig` carried by the platform's relayer so the holder pays no gas) goes only
/// when the lock-up (`lockupEnd`, fixed at creation: release + 180 days) is over, neither wallet is frozen, and both
/// hold the round's minimum KYC level in the `EligibilityRegistry`. An agent (AGENT_ROLE of the factory) freezes
/// and unfreezes wallets and recovers a lost wallet: one agent requests the move to a new wallet of the same
/// identity, a second, different agent approves it, and the whole holding moves (lock-up and freeze do not apply).
/// There is no other way to move or create shares: no allowance, no mint, no burn.
contract ShareToken is EIP712 {
    /// Set once per share token, appended to the clone's code.
    struct Config {
        bytes32 roundId;
        FundingRoundBase round;
        address roleSource;
        EligibilityRegistry registry;
        uint256 pricePerShare;
        uint256 lockupEnd;
        uint8 minLevel;
    }

    /// One holder, in one slot: balance, the nonce of their next signed transfer, frozen.
    struct Holder {
        uint128 balance;
        uint64 nonce;
        bool frozen;
    }

    struct Recovery {
        address newWallet;
        address requestedBy;
    }

    bytes32 public constant AGENT_ROLE = keccak256("AGENT_ROLE");
    bytes32 public constant TRANSFER_TYPEHASH =
        keccak256("ShareTransfer(address from,address to,uint256 amount,uint256 nonce,uint256 deadline)");

    uint128 private _totalSupply;
    uint64 private _issueCursor;
    mapping(address holder => Holder) private _holders;
    mapping(address lost => Recovery) private _recoveries;

    /// ERC-20's event: issue is a transfer from address 0, a recovery one from the lost wallet.
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Frozen(address indexed holder, bool frozen, address agent);
    event RecoveryRequested(address indexed lost, address indexed newWallet, address agent);
    event RecoveryCancelled(address indexed lost, address agent);
    event WalletRecovered(
        address indexed lost, address indexed newWallet, uint256 shares, address requestedBy, address approvedBy
    );

    error NotAgent(address caller);
    error LockedUp(uint256 lockupEnd);
    error NotEligible(address wallet);
    error WalletFrozen(address wallet);
    error InsufficientShares(address holder, uint256 balance, uint256 amount);
    error ZeroShares();
    error SignatureExpired(uint256 deadline);
    error InvalidNonce(address holder, uint256 expected, uint256 given);
    error InvalidSigner(address signer, address expected);
    error NothingToRecover(address lost);
    error NoRecoveryRequest(address lost);
    error RecoveryMismatch(address requested, address given);
    error SameAgent(address agent);
    error IdentityMismatch(address lost, address newWallet);

    constructor() EIP712("Picktartup Shares", "1") {}

    function _config() private view returns (Config memory) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (Config));
    }

    // ---------------------------------------------------------------- issue

    /// @notice Issues the shares of the escrow's next `maxCount` investors (in deposit order); resumable until
    /// `issueCursor() == round.investorCount()`. Anyone may carry it: what it issues is fixed by the escrow.
    /// @return done how many investors this call walked past
    function issueNext(uint256 maxCount) external returns (uint256 done) {
        Config memory c = _config();
        uint256 from = _issueCursor;
        uint256 count = c.round.investorCount();
        uint256 to = maxCount < count - from ? from + maxCount : count;
        uint256 issued;
        for (uint256 i = from; i < to; ++i) {
            address investor = c.round.investorAt(i);
            (uint256 amount,) = c.round.positionOf(investor);
            uint256 shares = amount / c.pricePerShare;
            if (shares != 0) {
                _holders[investor].balance += uint128(shares); // <= hardCap, which fits 128 bits
                issued += shares;
                emit Transfer(address(0), investor, shares);
            }
        }
        _issueCursor = uint64(to);
        _totalSupply += uint128(issued);
        return to - from;
    }

    // ---------------------------------------------------------------- transfers

    /// @notice Moves `amount` of the caller's shares to `to` (lock-up over, both eligible, neither frozen).
    function transfer(address to, uint256 amount) external returns (bool) {
        _move(_config(), msg.sender, to, amount, _holders[msg.sender]);
        return true;
    }

    /// @notice The same transfer authorised by `from`'s EIP-712 `ShareTransfer` signature; anyone may carry it
    /// (the platform's relayer does, so the holder needs no gas).
    function transferBySig(address from, address to, uint256 amount, uint256 nonce, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
    {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        Holder memory h = _holders[from];
        if (nonce != h.nonce) revert InvalidNonce(from, h.nonce, nonce);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(TRANSFER_TYPEHASH, from, to, amount, nonce, deadline)));
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, v, r, s);
        if (err != ECDSA.RecoverError.NoError || signer != from) revert InvalidSigner(signer, from);
        h.nonce += 1;
        _move(_config(), from, to, amount, h);
    }

    function _move(Config memory c, address from, address to, uint256 amount, Holder memory f) private {
        if (block.timestamp < c.lockupEnd) revert LockedUp(c.lockupEnd);
        if (amount == 0) revert ZeroShares();
        if (f.frozen) revert WalletFrozen(from);
        if (f.balance < amount) revert InsufficientShares(from, f.balance, amount);
        if (_holders[to].frozen) revert WalletFrozen(to);
        if (!c.registry.bothEligible(from, to, c.minLevel)) {
            revert NotEligible(c.registry.levelOf(from) < c.minLevel ? from : to);
        }
        f.balance -= uint128(amount);
        _holders[from] = f;
        _holders[to].balance += uint128(amount); // to == from: read after the write above, so nothing is created
        emit Transfer(from, to, amount);
    }

    // ---------------------------------------------------------------- agent

    /// @notice Freezes (or unfreezes) a wallet: it can neither send nor receive shares.
    function setFrozen(address holder, bool frozen) external {
        Config memory c = _config();
        if (!IAccessControl(c.roleSource).hasRole(AGENT_ROLE, msg.sender)) revert NotAgent(msg.sender);
        _holders[holder].frozen = frozen;
        emit Frozen(holder, frozen, msg.sender);
    }

    /// @notice First approval of a recovery: `lost`'s whole holding is to move to `newWallet`, a wallet of the same
    /// identity in the registry (checked on approval). Replaces an earlier request for `lost`.
    function requestRecovery(address lost, address newWallet) external {
        Config memory c = _config();
        if (!IAccessControl(c.roleSource).hasRole(AGENT_ROLE, msg.sender)) revert NotAgent(msg.sender);
        if (_holders[lost].balance == 0) revert NothingToRecover(lost);
        _recoveries[lost] = Recovery(newWallet, msg.sender);
        emit RecoveryRequested(lost, newWallet, msg.sender);
    }

    function cancelRecovery(address lost) external {
        Config memory c = _config();
        if (!IAccessControl(c.roleSource).hasRole(AGENT_ROLE, msg.sender)) revert NotAgent(msg.sender);
        if (_recoveries[lost].requestedBy == address(0)) revert NoRecoveryRequest(lost);
        delete _recoveries[lost];
        emit RecoveryCancelled(lost, msg.sender);
    }

    /// @notice Second approval, by another agent: moves `lost`'s whole holding to the requested `newWallet`, which
    /// must be eligible, not frozen and of the same identity as `lost`.
    function approveRecovery(address lost, address newWallet) external {
        Config memory c = _config();
        if (!IAccessControl(c.roleSource).hasRole(AGENT_ROLE, msg.sender)) revert NotAgent(msg.sender);
        Recovery memory q = _recoveries[lost];
        if (q.requestedBy == address(0)) revert NoRecoveryRequest(lost);
        if (q.requestedBy == msg.sender) revert SameAgent(msg.sender);
        if (q.newWallet != newWallet) revert RecoveryMismatch(q.newWallet, newWallet);
        uint248 identity = c.registry.identityOf(lost);
        if (identity == 0 || c.registry.identityOf(newWallet) != identity) revert IdentityMismatch(lost, newWallet);
        if (c.registry.levelOf(newWallet) < c.minLevel) revert NotEligible(newWallet);
        if (_holders[newWallet].frozen) revert WalletFrozen(newWallet);
        uint128 shares = _holders[lost].balance;
        if (shares == 0) revert NothingToRecover(lost);
        delete _recoveries[lost];
        _holders[lost].balance = 0;
        _holders[newWallet].balance += shares;
        emit Transfer(lost, newWallet, shares);
        emit WalletRecovered(lost, newWallet, shares, q.requestedBy, msg.sender);
    }

    // ---------------------------------------------------------------- views

    function name() external pure returns (string memory) {
        return "Picktartup Shares";
    }

    function symbol() external pure returns (string memory) {
        return "PKS";
    }

    function decimals() external pure returns (uint8) {
        return 0;
    }

    function totalSupply() external view returns (uint256) {
        return _totalSupply;
    }

    function balanceOf(address holder) external view returns (uint256) {
        return _holders[holder].balance;
    }

    /// @return the nonce `holder`'s next signed transfer must carry
    function nonces(address holder) external view returns (uint256) {
        return _holders[holder].nonce;
    }

    function isFrozen(address holder) external view returns (bool) {
        return _holders[holder].frozen;
    }

    function issueCursor() external view returns (uint256) {
        return _issueCursor;
    }

    function lockupEnd() external view returns (uint256) {
        return _config().lockupEnd;
    }

    function config() external view returns (Config memory) {
        return _config();
    }

    function recoveryOf(address lost) external view returns (address newWallet, address requestedBy) {
        Recovery memory q = _recoveries[lost];
        return (q.newWallet, q.requestedBy);
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
}
