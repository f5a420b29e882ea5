// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title PKN, the Picktartup token.
/// @notice An ERC-20 with 18 decimals and EIP-2612 permits. Tokens enter circulation only through
/// `mint` against a fiat payment id (each id at most once) and leave it only through `cashOut`, a burn
/// the holder authorised with an EIP-712 signature (the platform relayer pays the gas). A cash-out id is the
/// holder's own: nobody can use up another holder's id, and whoever carries the holder's signature, the effect
/// is the same burn, recorded once under (holder, id).
/// Roles, each its own key: DEFAULT_ADMIN_ROLE (one account, handed over in two steps after a delay:
/// AccessControlDefaultAdminRules) grants the others, sets the mint cap and pauses; MINTER_ROLE mints, at most
/// `mintCap` per `MINT_PERIOD` (fixed windows, so at most twice the cap within any one period's length): a stolen
/// minter key cannot create PKN without limit; ESCROW_REGISTRAR_ROLE (the round factory) registers the funding rounds
/// it creates. There is no other privileged path.
/// Escrow pulls: a registered escrow may move a holder's PKN to itself (`escrowPull`); the funding-round code does so
/// only under the holder's EIP-712 consent for that very round, verified by the round (one signature per deposit, no
/// permit nonce: ~25 k gas less per first-time investor). So that no key can later widen who may pull, the
/// registrar role can only ever be held by the first account it is granted to (the factory, at deployment): even the
/// admin cannot name another registrar, and the factory registers only the clones it creates itself.
/// Pause stance: a pause stops money coming in and moving around (mints, deposits into rounds, transfers between
/// holders, cash-outs) but never what a funding-round escrow pays out (refunds, claims, cancels, the release of a
/// settled round): nobody's escrowed PKN are ever frozen. It lapses on its own `PAUSE_DURATION` after the last
/// `pause()` (calling it again renews it), so a lost or unreachable pauser key cannot freeze the token for good.
/// @dev `pullWithPermit` is a gas-saving form of "permit, then transferFrom by the spender": the
/// spender presents the holder's ordinary EIP-2612 permit naming itself and receives exactly `value`
/// at once, so the allowance slot is never written (saves ~22 k gas per pull, the SSTORE refund of
/// the classic pair being capped at a fifth of the transaction). It uses the same digest and nonce as
/// `permit`: either path consumes a signature once. `transferWithPermit` is the same for a transfer to a third
/// address: the spender (the relayer) moves exactly the permitted value in one call; if someone front-ran the
/// permit itself, the allowance it created is used instead, so the transfer still goes through, once.
contract PicktartupToken is ERC20, ERC20Permit, AccessControlDefaultAdminRules {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    bytes32 public constant ESCROW_REGISTRAR_ROLE = keccak256("ESCROW_REGISTRAR_ROLE");
    /// @notice How long a pause lasts unless renewed.
    uint256 public constant PAUSE_DURATION = 3 days;
    /// @notice The length of a mint-cap window.
    uint256 public constant MINT_PERIOD = 1 days;

    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 public constant CASH_OUT_TYPEHASH =
        keccak256("CashOut(address holder,uint256 amount,bytes32 cashOutId,uint256 deadline)");

    /// @notice Payment ids already minted against (fiat payments credited exactly once).
    mapping(bytes32 paymentId => bool) public paymentProcessed;
    /// @notice Cash-out ids each holder has burnt under (each cash-out paid out exactly once).
    mapping(address holder => mapping(bytes32 cashOutId => bool)) public cashOutProcessed;

    /// The mint cap and what was minted in the current window, in one slot (one read and one write per mint).
    struct MintWindow {
        uint96 cap;
        uint96 minted;
        uint64 window;
    }

    MintWindow private _mintWindow;

    /// @notice When the current pause lapses (0 or past: not paused).
    uint256 public pausedUntil;
    /// @notice Funding-round escrows (registered by the factory that created them): their payouts pass a pause and
    /// they may pull deposits (`escrowPull`).
    mapping(address escrow => bool) public isEscrow;
    /// @notice The one account ESCROW_REGISTRAR_ROLE may ever be granted to, fixed by its first grant.
    address public escrowRegistrar;

    event Minted(address indexed to, uint256 amount, bytes32 indexed paymentId);
    event Paused(address account, uint256 until);
    event Unpaused(address account);
    event MintCapChanged(uint256 cap);
    event EscrowRegistered(address indexed escrow);
    event CashedOut(address indexed holder, uint256 amount, bytes32 indexed cashOutId);

    error PaymentAlreadyProcessed(bytes32 paymentId);
    error CashOutAlreadyProcessed(address holder, bytes32 cashOutId);
    error SignatureExpired(uint256 deadline);
    error InvalidSigner(address signer, address expected);
    error ZeroAmount();
    error EnforcedPause();
    error MintCapExceeded(uint256 amount, uint256 remaining);
    error MintCapTooLarge(uint256 cap);
    error NotEscrow(address caller);
    error EscrowRegistrarFixed(address registrar);

    /// @param adminDelay how long a new admin must wait to accept the handover (and the floor for changing it)
    /// @param mintCap the most PKN (base units) the minter may mint per `MINT_PERIOD`
    constructor(address admin, address minter, uint48 adminDelay, uint256 mintCap)
        ERC20("Picktartup Token", "PKN")
        ERC20Permit("Picktartup Token")
        AccessControlDefaultAdminRules(adminDelay, admin)
    {
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(MINTER_ROLE, minter);
        _setMintCap(mintCap);
    }

    /// @notice Sets how much may be minted per `MINT_PERIOD`; by the admin.
    function setMintCap(uint256 cap) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMintCap(cap);
    }

    function _setMintCap(uint256 cap) private {
        if (cap > type(uint96).max) revert MintCapTooLarge(cap);
        _mintWindow.cap = uint96(cap);
        emit MintCapChanged(cap);
    }

    /// @return cap the most that may be minted per period; mintable what may still be minted in this one
    function mintAllowance() external view returns (uint256 cap, uint256 mintable) {
        MintWindow memory w = _mintWindow;
        uint256 minted = w.window == block.timestamp / MINT_PERIOD ? w.minted : 0;
        return (w.cap, w.cap > minted ? w.cap - minted : 0);
    }

    /// @notice Mints `amount` to `to` for the fiat payment `paymentId`; reverts on a payment id seen before,
    /// so a retried submission can never credit a payment twice.
    function mint(address to, uint256 amount, bytes32 paymentId) external onlyRole(MINTER_ROLE) {
        if (amount == 0) revert ZeroAmount();
        if (paymentProcessed[paymentId]) revert PaymentAlreadyProcessed(paymentId);
        MintWindow memory w = _mintWindow;
        uint64 window = uint64(block.timestamp / MINT_PERIOD);
        if (w.window != window) {
            w.window = window;
            w.minted = 0;
        }
        uint256 remaining = w.cap > w.minted ? w.cap - w.minted : 0; // the cap may have been lowered meanwhile
        if (amount > remaining) revert MintCapExceeded(amount, remaining);
        w.minted += uint96(amount); // <= cap <= type(uint96).max
        _mintWindow = w;
        paymentProcessed[paymentId] = true;
        _mint(to, amount);
        emit Minted(to, amount, paymentId);
    }

    /// @notice Burns `amount` of `holder`'s tokens for the cash-out `cashOutId`, authorised by the holder's
    /// EIP-712 `CashOut` signature. Anyone may carry the signature; the effect is the same whoever does.
    function cashOut(address holder, uint256 amount, bytes32 cashOutId, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
    {
        if (amount == 0) revert ZeroAmount();
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        if (cashOutProcessed[holder][cashOutId]) revert CashOutAlreadyProcessed(holder, cashOutId);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(CASH_OUT_TYPEHASH, holder, amount, cashOutId, deadline)));
        address signer = ECDSA.recover(digest, v, r, s);
        if (signer != holder) revert InvalidSigner(signer, holder);
        cashOutProcessed[holder][cashOutId] = true;
        _burn(holder, amount);
        emit CashedOut(holder, amount, cashOutId);
    }

    /// @notice Moves `value` from `owner` to the caller, authorised by `owner`'s EIP-2612 permit for the caller
    /// (spender = msg.sender). Equivalent to `permit` followed by the caller's `transferFrom` of the full value.
    function pullWithPermit(address owner, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(PERMIT_TYPEHASH, owner, msg.sender, value, _useNonce(owner), deadline)));
        address signer = ECDSA.recover(digest, v, r, s);
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _transfer(owner, msg.sender, value);
    }

    /// @notice Moves `value` from `owner` to `to`, authorised by `owner`'s EIP-2612 permit for the caller (spender =
    /// msg.sender): `permit` and the caller's `transferFrom` in one call. If the permit was already used (someone
    /// carried it on its own first), the allowance it gave the caller is spent instead.
    function transferWithPermit(address owner, address to, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
    {
        bool expired = block.timestamp > deadline;
        address signer;
        if (!expired) {
            bytes32 digest = _hashTypedDataV4(
                keccak256(abi.encode(PERMIT_TYPEHASH, owner, msg.sender, value, nonces(owner), deadline))
            );
            (signer,,) = ECDSA.tryRecover(digest, v, r, s);
        }
        if (signer == owner && owner != address(0)) {
            _useNonce(owner);
        } else if (allowance(owner, msg.sender) >= value) {
            _spendAllowance(owner, msg.sender, value);
        } else if (expired) {
            revert ERC2612ExpiredSignature(deadline);
        } else {
            revert ERC2612InvalidSigner(signer, owner);
        }
        _transfer(owner, to, value);
    }

    /// @notice Pauses inflows and transfers between holders for `PAUSE_DURATION` from now; again to renew.
    function pause() external onlyRole(PAUSER_ROLE) {
        uint256 until = block.timestamp + PAUSE_DURATION;
        pausedUntil = until;
        emit Paused(msg.sender, until);
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        pausedUntil = 0;
        emit Unpaused(msg.sender);
    }

    function paused() public view returns (bool) {
        return block.timestamp < pausedUntil;
    }

    /// @notice Marks a funding round the registrar (the factory) just created as an escrow.
    function registerEscrow(address escrow) external onlyRole(ESCROW_REGISTRAR_ROLE) {
        isEscrow[escrow] = true;
        emit EscrowRegistered(escrow);
    }

    /// @notice Moves `value` of `from`'s PKN to the calling escrow: a registered funding round pulling a deposit its
    /// investor consented to (the round verifies the consent; see the contract's notice). Paused like a transfer.
    function escrowPull(address from, uint256 value) external {
        if (!isEscrow[msg.sender]) revert NotEscrow(msg.sender);
        _transfer(from, msg.sender, value);
    }

    /// ESCROW_REGISTRAR_ROLE goes to one account only, ever: the first it is granted to (it may be granted again to
    /// that same account after a revoke, never to another).
    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        if (role == ESCROW_REGISTRAR_ROLE) {
            address registrar = escrowRegistrar;
            if (registrar == address(0)) {
                escrowRegistrar = account;
            } else if (registrar != account) {
                revert EscrowRegistrarFixed(registrar);
            }
        }
        return super._grantRole(role, account);
    }

    /// While paused, only an escrow's payouts move (refund, claim, cancel, release); everything else waits.
    function _update(address from, address to, uint256 value) internal override {
        if (block.timestamp < pausedUntil && !isEscrow[from]) revert EnforcedPause();
        super._update(from, to, value);
    }
}
