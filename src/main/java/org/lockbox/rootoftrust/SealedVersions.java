package org.lockbox.rootoftrust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The versions of a service's sealed master key, from file names such as {@code volume.v3.sealed},
 * in a directory that only the process's own user may enter (owner, mode 0700 or narrower).
 */
public final class SealedVersions {

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private SealedVersions() {
    }

    /** The versions, in increasing order, of {@code <service>.v<n>.<suffix>} files in a directory. */
    public static List<Integer> in(Path directory, String service, String suffix) throws SealingException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        checkOwnerOnly(directory);
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

    /**
     * Refuses a directory of sealed master keys that another user owns or that its group or others
     * may enter: whoever can write there could plant or swap a blob.
     */
    public static void checkOwnerOnly(Path directory) throws SealingException {
        String user = System.getProperty("user.name");
        try {
            String owner = Files.getOwner(directory).getName();
            if (!owner.equals(user)) {
                throw new SealingException("The master-key directory " + directory + " is refused: it is owned by '"
                        + owner + "', not by '" + user + "', the user Lockbox runs as");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new SealingException("The master-key directory " + directory + " is refused: its mode is "
                        + PosixFilePermissions.toString(mode) + "; it must be 0700 (rwx------) or narrower"
                        + " (chmod 700 " + directory + ")");
            }
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: nothing to compare against.
        } catch (IOException e) {
            throw new SealingException("Cannot check the owner and mode of " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Creates the directory (and missing parents) with mode 0700 and checks an existing one. */
    public static void createOwnerOnly(Path directory) throws SealingException {
        try {
            if (!Files.isDirectory(directory)) {
                try {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(directory);
                }
            }
        } catch (IOException e) {
            throw new SealingException("Cannot create the master-key directory " + directory + ": " + e.getMessage(), e);
        }
        checkOwnerOnly(directory);
    }
}
