package wstool.enrich;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import wstool.core.net.Addresses;
import wstool.core.net.Cidr;

/**
 * Longest-prefix match over IPv4 and IPv6 networks: one binary trie per family kept in flat int arrays, so a
 * lookup is at most 32 or 128 steps regardless of how many networks are stored.
 */
final class PrefixTable<V> {
    private final Trie v4 = new Trie();
    private final Trie v6 = new Trie();
    private final List<V> values = new ArrayList<>();
    private int size;

    public void put(Cidr network, V value) {
        (network.isIpv6() ? v6 : v4).put(network.network(), network.prefixLength(), values.size());
        values.add(value);
        size++;
    }

    /** The value of the most specific network holding the address, or null. */
    public V lookup(InetAddress address) {
        int i;
        if (address instanceof java.net.Inet4Address) {
            i = v4.longest(address.hashCode()); // Inet4Address.hashCode() is the address (JDK contract): no copy
        } else {
            byte[] b = Addresses.unmapped(address).getAddress();
            i = b.length == 4 ? v4.longest(b) : v6.longest(b);
        }
        return i < 0 ? null : values.get(i);
    }

    public int size() { return size; }

    private static final class Trie {
        private int[] children = new int[64]; // node*2 + bit -> child node, 0 = none (the root is never a child)
        private int[] value = filled(32);     // node -> value index, -1 = none
        private int nodes = 1;

        void put(byte[] net, int prefix, int valueIndex) {
            int node = 0;
            for (int i = 0; i < prefix; i++) {
                int slot = node * 2 + bit(net, i);
                if (children[slot] == 0) {
                    int child = newNode(); // may reallocate children: assign afterwards
                    children[slot] = child;
                }
                node = children[slot];
            }
            value[node] = valueIndex;
        }

        int longest(byte[] addr) {
            int node = 0;
            int best = value[0];
            int bits = addr.length * 8;
            for (int i = 0; i < bits; i++) {
                node = children[node * 2 + bit(addr, i)];
                if (node == 0) break;
                if (value[node] >= 0) best = value[node];
            }
            return best;
        }

        int longest(int ipv4) {
            int node = 0;
            int best = value[0];
            for (int i = 0; i < 32; i++) {
                node = children[node * 2 + ((ipv4 >>> (31 - i)) & 1)];
                if (node == 0) break;
                if (value[node] >= 0) best = value[node];
            }
            return best;
        }

        private int newNode() {
            if (nodes == value.length) {
                int n = value.length * 2;
                value = Arrays.copyOf(value, n);
                Arrays.fill(value, nodes, n, -1);
                children = Arrays.copyOf(children, n * 2);
            }
            return nodes++;
        }

        private static int bit(byte[] b, int i) { return (b[i >> 3] >> (7 - (i & 7))) & 1; }

        private static int[] filled(int n) {
            int[] a = new int[n];
            Arrays.fill(a, -1);
            return a;
        }
    }
}
