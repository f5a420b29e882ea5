// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice What a funding round needs from PKN beyond ERC-20.
interface IPicktartupToken is IERC20 {
    function pullWithPermit(address owner, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

    function registerEscrow(address escrow) external;

    function escrowPull(address from, uint256 value) external;
}
