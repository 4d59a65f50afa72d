package org.lockbox.secret;

import java.util.Map;
import java.util.TreeMap;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.lockbox.error.ConflictException;
import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;
import org.lockbox.policy.Action;

/** User-defined key/value metadata of a secret (Barbican's secret metadata). */
@Stateless
public class SecretMetadataService {

    @EJB
    SecretService secrets;

    public Map<String, String> all(Caller caller, String secretId) {
        return new TreeMap<>(secrets.get(caller, secretId).metadata());
    }

    public void replaceAll(Caller caller, String secretId, Map<String, String> metadata) {
        Secret secret = secrets.get(caller, secretId, Action.SECRET_UPDATE);
        secret.metadata().clear();
        secret.metadata().putAll(metadata);
        secret.touch(SecretService.now());
    }

    public void add(Caller caller, String secretId, String key, String value) {
        Secret secret = secrets.get(caller, secretId, Action.SECRET_UPDATE);
        if (secret.metadata().containsKey(key)) {
            throw new ConflictException("Metadata key '" + key + "' already exists.");
        }
        secret.metadata().put(key, value);
        secret.touch(SecretService.now());
    }

    public String get(Caller caller, String secretId, String key) {
        String value = secrets.get(caller, secretId).metadata().get(key);
        if (value == null) {
            throw new NotFoundException("Metadata key '" + key + "' not found.");
        }
        return value;
    }

    public void update(Caller caller, String secretId, String key, String value) {
        Secret secret = secrets.get(caller, secretId, Action.SECRET_UPDATE);
        if (!secret.metadata().containsKey(key)) {
            throw new NotFoundException("Metadata key '" + key + "' not found.");
        }
        secret.metadata().put(key, value);
        secret.touch(SecretService.now());
    }

    public void remove(Caller caller, String secretId, String key) {
        Secret secret = secrets.get(caller, secretId, Action.SECRET_UPDATE);
        if (secret.metadata().remove(key) == null) {
            throw new NotFoundException("Metadata key '" + key + "' not found.");
        }
        secret.touch(SecretService.now());
    }
}
