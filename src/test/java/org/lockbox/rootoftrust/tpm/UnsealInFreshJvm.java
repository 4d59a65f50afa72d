package org.lockbox.rootoftrust.tpm;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Run as its own process by TpmSealerTest: unseals one version and prints the key's SHA-256. */
public final class UnsealInFreshJvm {

    private UnsealInFreshJvm() {
    }

    public static void main(String[] args) throws Exception {
        TpmSettings settings = new TpmSettings(TpmSettings.Mode.TCP, "127.0.0.1", Integer.parseInt(args[0]), null,
                5000, SealingPolicy.parse(args[1]), null, Path.of(args[2]));
        byte[] key = new TpmSealer(settings, new SecureRandom()).unseal(args[3], Integer.parseInt(args[4])).getEncoded();
        System.out.println(HexFormat.of().formatHex(TpmClient.sha256(key)));
    }
}
