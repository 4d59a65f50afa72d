package org.lockbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** README.md's package map lists every package under src/main/java, each with a line saying what it holds, and no other. */
class PackageMapTest {

    private static final Path README = Path.of("README.md");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String HEADING = "### Package map";

    @Test
    void theReadmeMapsExactlyThePackagesOfTheSourceTree() throws IOException {
        List<String[]> entries = mapEntries();
        List<String> listed = entries.stream().map(entry -> entry[0]).toList();
        Set<String> sources = sourcePackages();

        Set<String> missing = new TreeSet<>(sources);
        missing.removeAll(listed);
        Set<String> extra = new TreeSet<>(listed);
        extra.removeAll(sources);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "README.md's package map (" + HEADING + ") does not match "
                + SOURCES + ".\n  Missing from the map (add a line \"package  what it holds\"): " + missing
                + "\n  In the map but not in the source tree (remove or rename the line): " + extra);
        assertEquals(listed.size(), Set.copyOf(listed).size(), "a package is listed twice: " + listed);
        for (String[] entry : entries) {
            assertFalse(entry[1].isBlank(), "the package map says nothing about " + entry[0]);
        }
    }

    /** The lines of the first fenced block after the map's heading, each split into package and description. */
    private static List<String[]> mapEntries() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int heading = lines.indexOf(HEADING);
        if (heading < 0) {
            fail(README + " has no line \"" + HEADING + "\"");
        }
        int start = heading + 1;
        while (start < lines.size() && !lines.get(start).startsWith("```")) {
            start++;
        }
        List<String[]> entries = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            String[] entry = lines.get(i).trim().split("\\s+", 2);
            entries.add(entry.length == 2 ? entry : new String[] {entry[0], ""});
        }
        assertFalse(entries.isEmpty(), "no fenced block of packages follows \"" + HEADING + "\" in " + README);
        return entries;
    }

    /** Every package that holds at least one Java source file. */
    private static Set<String> sourcePackages() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), "."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
