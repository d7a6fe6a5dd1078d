package wstool.linux.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamesTest {
    @Test
    void readsPasswdAndSkipsJunk(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("passwd");
        Files.writeString(f, "root:x:0:0:root:/root:/bin/bash\nbroken line\nalice:x:1000:1000::/home/a:/bin/sh\n:x:5:5\n");
        UserNames u = new UserNames(f);
        assertEquals("root", u.apply(0));
        assertEquals("alice", u.apply(1000));
        assertNull(u.apply(5));
        assertNull(u.apply(42));
    }
}
