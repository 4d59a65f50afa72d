package org.lockbox.api.store;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Hrefs;
import org.lockbox.api.Timestamps;
import org.lockbox.store.SecretStore;

/** A secret store as Barbican describes one. */
@Schema(name = "SecretStore")
public record SecretStoreView(String secretStoreRef, String name, String secretStorePlugin, String cryptoPlugin,
                              boolean globalDefault, String status, String created, String updated) {

    static SecretStoreView of(SecretStore store, String base) {
        return new SecretStoreView(Hrefs.secretStore(base, store.id()), store.name(), store.storePlugin(),
                store.cryptoPlugin(), store.globalDefault(), store.status(), Timestamps.format(store.created()),
                Timestamps.format(store.updated()));
    }
}
