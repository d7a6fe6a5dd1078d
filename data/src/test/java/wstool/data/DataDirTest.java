package wstool.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirTest {
    @Test
    void perPlatform() {
        assertEquals(Paths.get("C:\\Users\\a\\AppData\\Local", "ws_tool"),
                DataDir.resolve(Map.of("LOCALAPPDATA", "C:\\Users\\a\\AppData\\Local"), "Windows 11", "C:\\Users\\a"));
        assertEquals(Paths.get("/xdg/data/ws_tool"), DataDir.resolve(Map.of("XDG_DATA_HOME", "/xdg/data"), "Linux", "/home/a"));
        assertEquals(Paths.get("/home/a/.local/share/ws_tool"), DataDir.resolve(Map.of(), "Linux", "/home/a"));
        assertEquals(Paths.get("/home/a/.local/share/ws_tool"),
                DataDir.resolve(Map.of("XDG_DATA_HOME", "relative"), "Linux", "/home/a"), "relative XDG paths are ignored per spec");
    }
}
