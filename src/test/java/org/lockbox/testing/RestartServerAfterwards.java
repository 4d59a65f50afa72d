package org.lockbox.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Restarts the server under test once a test class is done. Registered before Arquillian's extension,
 * it runs after Arquillian has undeployed a second copy of the application: Liberty drops the
 * application metrics both copies registered under the same names, and a restart brings them back
 * for the tests that follow.
 */
public final class RestartServerAfterwards implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        LibertyServer.stop();
        LibertyServer.start();
        LibertyServer.awaitReady();
    }
}
