package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import org.web3j.crypto.Keys;

import java.util.regex.Pattern;

/** An EVM address in its EIP-55 checksummed form; a mixed-case input must carry a correct checksum. */
public record WalletAddress(String value) {

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{40}");

    public WalletAddress {
        if (value == null || !HEX.matcher(value).matches()) {
            throw new InvalidInputException("address", FieldRule.WALLET_ADDRESS);
        }
        String checksummed = Keys.toChecksumAddress(value);
        String digits = value.substring(2);
        boolean singleCase = digits.equals(digits.toLowerCase()) || digits.equals(digits.toUpperCase());
        if (!singleCase && !checksummed.equals(value)) {
            throw new InvalidInputException("address", FieldRule.WALLET_CHECKSUM);
        }
        value = checksummed;
    }

    @Override
    public String toString() {
        return value;
    }
}
