package org.lockbox.store;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A back end that stores secrets, described as Barbican describes its secret stores. */
@Entity
@Table(name = "secret_store")
public class SecretStore {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(name = "store_plugin", nullable = false)
    private String storePlugin;

    @Column(name = "crypto_plugin")
    private String cryptoPlugin;

    @Column(name = "global_default", nullable = false)
    private boolean globalDefault;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private LocalDateTime created;

    @Column(nullable = false)
    private LocalDateTime updated;

    protected SecretStore() {
    }

    SecretStore(String id, String name, String storePlugin, String cryptoPlugin, boolean globalDefault,
                LocalDateTime now) {
        this.id = id;
        this.name = name;
        this.storePlugin = storePlugin;
        this.cryptoPlugin = cryptoPlugin;
        this.globalDefault = globalDefault;
        this.status = "ACTIVE";
        this.created = now;
        this.updated = now;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String storePlugin() {
        return storePlugin;
    }

    public String cryptoPlugin() {
        return cryptoPlugin;
    }

    public boolean globalDefault() {
        return globalDefault;
    }

    public String status() {
        return status;
    }

    public OffsetDateTime created() {
        return created.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime updated() {
        return updated.atOffset(ZoneOffset.UTC);
    }
}
