package io.picktartup.news.entity;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses the news crawl may connect to: the public internet only. Refused: loopback, "this host", private
 * (RFC 1918, IPv6 unique-local, which also holds AWS's fd00:ec2::254 metadata address), link-local (169.254/16,
 * with the cloud metadata address 169.254.169.254, and fe80::/10), carrier-grade NAT (100.64/10, where Alibaba's
 * metadata lives), multicast, broadcast and reserved ranges, and IPv6 forms that embed such an IPv4 address
 * (mapped, compatible, NAT64, 6to4).
 */
public final class PublicAddress {

    private PublicAddress() {
    }

    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            var embedded = embeddedIpv4(b);
            if (embedded != null) {
                return isPublicIpv4(embedded);
            }
            if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress() || address.isMulticastAddress()) {
                return false;
            }
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            return true;
        }
        return address instanceof Inet4Address && isPublicIpv4(address.getAddress());
    }

    private static boolean isPublicIpv4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        return !(a == 0                                  // "this network"
                || a == 10                               // private
                || a == 127                              // loopback
                || (a == 100 && c >= 64 && c <= 127)     // carrier-grade NAT (and Alibaba's metadata)
                || (a == 169 && c == 254)                // link-local, cloud metadata
                || (a == 172 && c >= 16 && c <= 31)      // private
                || (a == 192 && c == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                || (a == 192 && c == 168)                // private
                || (a == 198 && (c == 18 || c == 19))    // benchmarking
                || a >= 224);                            // multicast, reserved, broadcast
    }

    /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }
}
