package wstool.tui;

import java.util.Arrays;

/** Ascending sequence numbers with cheap append at the end and removal at the front: the view's matching rows. */
final class SeqList {
    private long[] a = new long[1024];
    private int head;
    private int size;

    void add(long seq) {
        if (head + size == a.length) {
            if (head > a.length / 2) {
                System.arraycopy(a, head, a, 0, size);
            } else {
                a = Arrays.copyOf(a, a.length * 2);
                System.arraycopy(a, head, a, 0, size);
            }
            head = 0;
        }
        a[head + size++] = seq;
    }

    /** Removes entries below {@code floor}. */
    void dropBelow(long floor) {
        while (size > 0 && a[head] < floor) {
            head++;
            size--;
        }
        if (size == 0) head = 0;
    }

    void clear() {
        head = 0;
        size = 0;
        if (a.length > 1 << 16) a = new long[1024];
    }

    int size() { return size; }

    long get(int i) { return a[head + i]; }

    /** Index of the first entry >= seq (size() when none). */
    int indexOf(long seq) {
        int i = Arrays.binarySearch(a, head, head + size, seq);
        return (i >= 0 ? i : -i - 1) - head;
    }
}
