package org.lockbox.rootoftrust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The versions of a service's sealed master key, from file names such as {@code volume.v3.sealed}. */
public final class SealedVersions {

    private SealedVersions() {
    }

    /** The versions, in increasing order, of {@code <service>.v<n>.<suffix>} files in a directory. */
    public static List<Integer> in(Path directory, String service, String suffix) throws SealingException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        String prefix = service + ".v";
        String ending = "." + suffix;
        List<Integer> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(ending)) {
                    String number = name.substring(prefix.length(), name.length() - ending.length());
                    if (!number.isEmpty() && number.chars().allMatch(Character::isDigit)) {
                        versions.add(Integer.parseInt(number));
                    }
                }
            }
        } catch (IOException e) {
            throw new SealingException("Cannot list sealed master keys in " + directory + ": " + e.getMessage(), e);
        }
        versions.sort(null);
        return versions;
    }
}
