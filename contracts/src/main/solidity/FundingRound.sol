// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {FundingRoundBase} from "./FundingRoundBase.sol";

/// @notice The funding-round implementation behind every round the factory creates: each round is an EIP-1167
/// clone whose configuration is appended to the clone's code (immutable arguments), so a new round costs a few
/// hundred thousand gas instead of a full deployment, and its configuration can never change. The arguments are
/// `abi.encode(Config, strayTokenRecipient)`: the config first (decoded on every call), the recipient after it (read
/// only by `sweep`). The implementation itself has no arguments: every call that needs the config reverts on it.
contract FundingRound is FundingRoundBase {
    function _config() internal view override returns (Config memory) {
        return abi.decode(Clones.fetchCloneArgs(address(this)), (Config));
    }

    function _strayTokenRecipient() internal view override returns (address recipient) {
        (, recipient) = abi.decode(Clones.fetchCloneArgs(address(this)), (Config, address));
    }
}
