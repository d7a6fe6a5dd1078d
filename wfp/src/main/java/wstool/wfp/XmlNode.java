package wstool.wfp;

import java.util.ArrayList;
import java.util.List;

/** One element of a small XML subtree (a single net event or filter entry): name, text and child elements. */
final class XmlNode {
    final String name;
    final int line;
    final StringBuilder text = new StringBuilder();
    final List<XmlNode> children = new ArrayList<>();

    XmlNode(String name, int line) {
        this.name = name;
        this.line = line;
    }

    String text() { return text.toString().trim(); }

    XmlNode child(String childName) {
        for (XmlNode c : children) if (c.name.equals(childName)) return c;
        return null;
    }

    /** Text of the child, or null when absent or empty. */
    String childText(String childName) {
        XmlNode c = child(childName);
        if (c == null) return null;
        String t = c.text();
        return t.isEmpty() ? null : t;
    }
}
