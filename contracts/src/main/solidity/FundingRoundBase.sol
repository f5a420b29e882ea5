// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IPicktartupToken} from "./IPicktartupToken.sol";

/// @title The escrow of one funding round, in PKN.
/// @notice Lifecycle: Funding (until `deadline`: deposits; cancels until `deadline - 48 h`) → `finalizeRound()` once
/// after the deadline → Succeeded (raised ≥ goal; `release()` pays the startup wallet once → Released) or Failed
/// (every investor gets their position back exactly once, pushed by `refundBatch` or pulled by `claimRefund`).
/// Invariant: the round's PKN balance = deposits − cancels − refunds − release + stray tokens (PKN sent to it by plain
/// transfer: nobody's position; once the round is settled, `sweep()` sends them to the stray-token recipient fixed
/// when the round was created).
/// @dev Deposits are carried by a relayer (a RELAYER_ROLE holder of the `roleSource`, i.e. the factory), because
/// the platform must enforce per-investor limits and a batch must not be griefed by someone front-running one
/// of its items. Cancels, finalize, release and refunds can be carried by anyone: they only ever move money to the
/// investor or to the fixed startup wallet. Gas: the consent nonce lives in the same storage slot as the investor's
/// position (no separate nonce slot), and one signature authorises the deposit: the investor's EIP-712 `Investment`
/// consent, verified here, under which the round pulls the PKN with the token's `escrowPull` (no permit, so no
/// second signature check, no token-side permit nonce and no allowance slot). The token lets only escrows its one
/// registrar (the factory) registered pull, and this code pulls only under a consent signed for this very round.
abstract contract FundingRoundBase is EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IPicktartupToken;

    /// Set once per round; read from the clone's immutable arguments or the standalone contract's immutables.
    struct Config {
        bytes32 roundId;
        IPicktartupToken token;
        address roleSource;
        address startupWallet;
        uint256 goal;
        uint256 hardCap;
        uint256 minInvestment;
        uint256 deadline;
    }

    /// One investor's deposit plus the signature-ordering nonce for their consents (investment and cancel).
    struct Deposit {
        address investor;
        uint256 amount;
        bytes32 termsHash;
        uint256 nonce;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    enum Status {
        Funding,
        Succeeded,
        Failed,
        Released
    }

    struct Position {
        uint128 amount;
        uint64 nonce;
        bool listed;
    }

    struct State {
        uint128 totalRaised;
        uint56 investorCount;
        uint56 refundCursor;
        Status status;
    }

    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");
    uint256 public constant CANCEL_WINDOW = 48 hours;
    bytes32 public constant INVESTMENT_TYPEHASH = keccak256(
        "Investment(address investor,address round,uint256 amount,bytes32 termsHash,uint256 nonce,uint256 deadline)"
    );
    bytes32 public constant CANCEL_TYPEHASH =
        keccak256("Cancel(address investor,address round,uint256 nonce,uint256 deadline)");

    State private _state;
    mapping(address investor => Position) private _positions;
    mapping(uint256 index => address investor) private _investorAt;

    event Deposited(address indexed investor, uint256 amount, bytes32 termsHash, uint256 nonce);
    /// An item of `depositBatch` that was not deposited, with the error a single `deposit` would revert with.
    event DepositSkipped(address indexed investor, uint256 nonce, bytes reason);
    event Cancelled(address indexed investor, uint256 amount, uint256 nonce);
    event Finalized(Status status, uint256 totalRaised);
    event Released(address indexed startupWallet, uint256 amount);
    event Refunded(address indexed investor, uint256 amount);
    event Swept(address indexed recipient, uint256 amount);

    error NotRelayer(address caller);
    error RoundClosed(uint256 deadline);
    error RoundStillOpen(uint256 deadline);
    error CancelPeriodOver(uint256 cutoff);
    error BelowMinimumInvestment(uint256 amount, uint256 minimum);
    error HardCapExceeded(uint256 amount, uint256 remaining);
    error SignatureExpired(uint256 deadline);
    error InvalidNonce(address investor, uint256 expected, uint256 given);
    error InvalidSigner(address signer, address expected);
    error NothingToCancel(address investor);
    error NothingToRefund(address investor);
    error AlreadyFinalized(Status status);
    error WrongStatus(Status expected, Status actual);
    error EmptyBatch();
    error NotSettled(Status status);
    error NothingToSweep();

    constructor() EIP712("Picktartup Funding Round", "1") {}

    function _config() internal view virtual returns (Config memory);

    /// The one address stray tokens may be swept to, fixed when the round was created.
    function _strayTokenRecipient() internal view virtual returns (address);

    // ---------------------------------------------------------------- deposits

    /// @notice Deposits `d.amount` for `d.investor`, authorised by their EIP-712 `Investment` consent for this round
    /// (which carries the SHA-256 of the signed investment contract); the round pulls the PKN under it.
    function deposit(Deposit calldata d) external nonReentrant {
        Config memory c = _openForDeposits();
        bytes memory failure = _deposit(c, _domainSeparatorV4(), d);
        if (failure.length != 0) _revert(failure);
    }

    /// @notice Deposits for many investors in one transaction, each item on its own: an item that cannot go (a
    /// moved balance, a used nonce, a bad signature, the cap reached) is skipped with `DepositSkipped` carrying the
    /// error it would have reverted with, and the others go through. Only conditions of the whole batch (caller,
    /// deadline, empty batch) revert it.
    /// @return deposited how many items were deposited
    function depositBatch(Deposit[] calldata ds) external nonReentrant returns (uint256 deposited) {
        if (ds.length == 0) revert EmptyBatch();
        Config memory c = _openForDeposits();
        bytes32 domain = _domainSeparatorV4();
        for (uint256 i; i < ds.length; ++i) {
            bytes memory failure = _deposit(c, domain, ds[i]);
            if (failure.length == 0) {
                ++deposited;
            } else {
                emit DepositSkipped(ds[i].investor, ds[i].nonce, failure);
            }
        }
    }

    function _openForDeposits() private view returns (Config memory c) {
        c = _config();
        if (!IAccessControl(c.roleSource).hasRole(RELAYER_ROLE, msg.sender)) revert NotRelayer(msg.sender);
        if (block.timestamp >= c.deadline) revert RoundClosed(c.deadline);
    }

    /// @return failure empty if deposited; else the ABI-encoded error, and nothing changed
    function _deposit(Config memory c, bytes32 domain, Deposit calldata d) private returns (bytes memory failure) {
        Position memory p = _positions[d.investor];
        failure = _checkConsent(c, domain, d, p.nonce);
        if (failure.length != 0) return failure;
        State memory st = _state;
        uint256 raised = st.totalRaised + d.amount;
        if (raised > c.hardCap) {
            return abi.encodeWithSelector(HardCapExceeded.selector, d.amount, c.hardCap - st.totalRaised);
        }
        // the pull first, so an item whose tokens cannot be pulled changes nothing (the token is PKN itself and the
        // call is guarded against reentrancy)
        failure = _pull(c.token, d);
        if (failure.length != 0) return failure;

        // effects
        p.amount += uint128(d.amount); // raised <= hardCap <= type(uint128).max
        p.nonce += 1;
        if (!p.listed) {
            p.listed = true;
            _investorAt[st.investorCount] = d.investor;
            st.investorCount += 1;
        }
        _positions[d.investor] = p;
        st.totalRaised = uint128(raised);
        _state = st;
        emit Deposited(d.investor, d.amount, d.termsHash, d.nonce);
    }

    /// @return failure empty if the item is above the minimum, in time, in nonce order and signed by its investor
    function _checkConsent(Config memory c, bytes32 domain, Deposit calldata d, uint64 nonce)
        private
        view
        returns (bytes memory failure)
    {
        if (d.amount < c.minInvestment) {
            return abi.encodeWithSelector(BelowMinimumInvestment.selector, d.amount, c.minInvestment);
        }
        if (block.timestamp > d.deadline) return abi.encodeWithSelector(SignatureExpired.selector, d.deadline);
        if (d.nonce != nonce) return abi.encodeWithSelector(InvalidNonce.selector, d.investor, nonce, d.nonce);
        bytes32 digest = MessageHashUtils.toTypedDataHash(
            domain,
            keccak256(
                abi.encode(INVESTMENT_TYPEHASH, d.investor, address(this), d.amount, d.termsHash, d.nonce, d.deadline)
            )
        );
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, d.v, d.r, d.s);
        if (err != ECDSA.RecoverError.NoError || signer != d.investor) {
            return abi.encodeWithSelector(InvalidSigner.selector, signer, d.investor);
        }
    }

    /// Pulls the item's PKN, its consent verified: there is no separate permit anyone could front-run.
    /// @return failure empty if pulled; else the token's error (insufficient balance, paused)
    function _pull(IPicktartupToken token, Deposit calldata d) private returns (bytes memory failure) {
        try token.escrowPull(d.investor, d.amount) {}
        catch (bytes memory reason) {
            return reason;
        }
    }

    function _revert(bytes memory failure) private pure {
        assembly ("memory-safe") {
            revert(add(failure, 32), mload(failure))
        }
    }

    // ---------------------------------------------------------------- cancel

    /// @notice Returns the investor's whole position at once, authorised by their EIP-712 `Cancel` signature;
    /// only before the cut-off (48 h before the deadline). Anyone may carry the signature.
    function cancel(address investor, uint256 nonce, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        Config memory c = _config();
        uint256 cutoff = c.deadline - CANCEL_WINDOW;
        if (block.timestamp >= cutoff) revert CancelPeriodOver(cutoff);
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        Position memory p = _positions[investor];
        if (nonce != p.nonce) revert InvalidNonce(investor, p.nonce, nonce);
        if (p.amount == 0) revert NothingToCancel(investor);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(CANCEL_TYPEHASH, investor, address(this), nonce, deadline)));
        _checkSigner(digest, v, r, s, investor);

        uint256 amount = p.amount;
        p.amount = 0;
        p.nonce += 1;
        _positions[investor] = p;
        _state.totalRaised -= uint128(amount);
        emit Cancelled(investor, amount, nonce);
        c.token.safeTransfer(investor, amount);
    }

    // ---------------------------------------------------------------- settlement

    /// @notice Closes the round once, after the deadline: Succeeded if the goal was reached, else Failed.
    function finalizeRound() external returns (Status outcome) {
        Config memory c = _config();
        if (block.timestamp < c.deadline) revert RoundStillOpen(c.deadline);
        State memory st = _state;
        if (st.status != Status.Funding) revert AlreadyFinalized(st.status);
        outcome = st.totalRaised >= c.goal ? Status.Succeeded : Status.Failed;
        _state.status = outcome;
        emit Finalized(outcome, st.totalRaised);
    }

    /// @notice Pays everything raised to the startup wallet, exactly once, on a Succeeded round.
    function release() external nonReentrant {
        State memory st = _state;
        if (st.status != Status.Succeeded) revert WrongStatus(Status.Succeeded, st.status);
        Config memory c = _config();
        _state.status = Status.Released;
        emit Released(c.startupWallet, st.totalRaised);
        c.token.safeTransfer(c.startupWallet, st.totalRaised);
    }

    /// @notice On a Failed round, refunds the next `maxCount` investors in deposit order; resumable until
    /// `refundCursor() == investorCount()`. Investors who claimed already are passed over, never paid twice.
    /// @return done how many investors this call walked past (refunded or already settled)
    function refundBatch(uint256 maxCount) external nonReentrant returns (uint256 done) {
        State memory st = _state;
        if (st.status != Status.Failed) revert WrongStatus(Status.Failed, st.status);
        uint256 from = st.refundCursor;
        uint256 to = maxCount < st.investorCount - from ? from + maxCount : st.investorCount;
        _state.refundCursor = uint56(to); // effects before the transfers below
        IPicktartupToken token = _config().token;
        for (uint256 i = from; i < to; ++i) {
            address investor = _investorAt[i];
            uint256 amount = _positions[investor].amount;
            if (amount != 0) {
                delete _positions[investor];
                emit Refunded(investor, amount);
                token.safeTransfer(investor, amount);
            }
        }
        return to - from;
    }

    /// @notice On a Failed round, the caller takes their own position back, without the platform.
    function claimRefund() external nonReentrant {
        State memory st = _state;
        if (st.status != Status.Failed) revert WrongStatus(Status.Failed, st.status);
        uint256 amount = _positions[msg.sender].amount;
        if (amount == 0) revert NothingToRefund(msg.sender);
        delete _positions[msg.sender];
        emit Refunded(msg.sender, amount);
        _config().token.safeTransfer(msg.sender, amount);
    }

    /// @notice Once the round is settled (Released, or Failed with every investor refunded: `refundCursor() ==
    /// investorCount()`), its whole PKN balance belongs to no position: tokens sent to it by plain transfer. Sends
    /// them to the stray-token recipient fixed at creation; anyone may call it.
    /// @return amount what was swept
    function sweep() external nonReentrant returns (uint256 amount) {
        State memory st = _state;
        if (st.status != Status.Released && (st.status != Status.Failed || st.refundCursor != st.investorCount)) {
            revert NotSettled(st.status);
        }
        IPicktartupToken token = _config().token;
        amount = token.balanceOf(address(this));
        if (amount == 0) revert NothingToSweep();
        address recipient = _strayTokenRecipient();
        emit Swept(recipient, amount);
        token.safeTransfer(recipient, amount);
    }

    // ---------------------------------------------------------------- views

    function config() external view returns (Config memory) {
        return _config();
    }

    function status() external view returns (Status) {
        return _state.status;
    }

    function totalRaised() external view returns (uint256) {
        return _state.totalRaised;
    }

    function investorCount() external view returns (uint256) {
        return _state.investorCount;
    }

    function refundCursor() external view returns (uint256) {
        return _state.refundCursor;
    }

    function investorAt(uint256 index) external view returns (address) {
        return _investorAt[index];
    }

    /// @return amount the investor's current position; nonce the nonce their next consent must carry
    function positionOf(address investor) external view returns (uint256 amount, uint256 nonce) {
        Position memory p = _positions[investor];
        return (p.amount, p.nonce);
    }

    /// @return the address `sweep()` sends stray tokens to, fixed when the round was created
    function strayTokenRecipient() external view returns (address) {
        return _strayTokenRecipient();
    }

    function cancelCutoff() external view returns (uint256) {
        return _config().deadline - CANCEL_WINDOW;
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function _checkSigner(bytes32 digest, uint8 v, bytes32 r, bytes32 s, address expected) private pure {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, v, r, s);
        if (err != ECDSA.RecoverError.NoError || signer != expected) revert InvalidSigner(signer, expected);
    }
}
