// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {FundingRoundBase} from "./FundingRoundBase.sol";
import {IPicktartupToken} from "./IPicktartupToken.sol";

/// @notice The same round as a self-contained contract (configuration in immutables). The platform uses
/// factory clones; this variant exists to measure the trade-off (deployment cost vs. per-call delegatecall).
contract StandaloneFundingRound is FundingRoundBase {
    bytes32 private immutable _roundId;
    IPicktartupToken private immutable _token;
    address private immutable _roleSource;
    address private immutable _startupWallet;
    uint256 private immutable _goal;
    uint256 private immutable _hardCap;
    uint256 private immutable _minInvestment;
    uint256 private immutable _deadline;
    address private immutable _strayRecipient;

    constructor(Config memory c, address strayTokenRecipient_) {
        _strayRecipient = strayTokenRecipient_;
        _roundId = c.roundId;
        _token = c.token;
        _roleSource = c.roleSource;
        _startupWallet = c.startupWallet;
        _goal = c.goal;
        _hardCap = c.hardCap;
        _minInvestment = c.minInvestment;
        _deadline = c.deadline;
    }

    function _config() internal view override returns (Config memory) {
        return Config(_roundId, _token, _roleSource, _startupWallet, _goal, _hardCap, _minInvestment, _deadline);
    }

    function _strayTokenRecipient() internal view override returns (address) {
        return _strayRecipient;
    }
}
