package org.lockbox.api.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Barbican's user-defined secret metadata. */
class SecretMetadataIT {

    private final String token = Tokens.token("alice", Tokens.newProject(), "creator");

    @Test
    void replacesAddsReadsUpdatesAndDeletesMetadata() {
        String id = Lockbox.storeBinary(token, new byte[32], "");
        String path = "/v1/secrets/" + id + "/metadata";

        Reply replaced = Lockbox.putJson(path, token, "{\"metadata\":{\"Volume\":\"vol-1\",\"tier\":\"gold\"}}");
        assertEquals(201, replaced.status(), replaced.toString());
        assertEquals(Lockbox.URL + path, replaced.json().getString("metadata_ref"));
        Reply all = Lockbox.get(path, token);
        assertEquals("vol-1", all.json().getJsonObject("metadata").getString("volume"));
        assertEquals("gold", all.json().getJsonObject("metadata").getString("tier"));

        assertEquals(201, Lockbox.postJson(path, token, "{\"key\":\"owner\",\"value\":\"cinder\"}").status());
        assertEquals(409, Lockbox.postJson(path, token, "{\"key\":\"owner\",\"value\":\"nova\"}").status());
        assertEquals("cinder", Lockbox.get(path + "/owner", token).json().getString("value"));

        Reply updated = Lockbox.putJson(path + "/owner", token, "{\"key\":\"owner\",\"value\":\"glance\"}");
        assertEquals(200, updated.status(), updated.toString());
        assertEquals("glance", Lockbox.get(path + "/owner", token).json().getString("value"));

        assertEquals(204, Lockbox.delete(path + "/owner", token).status());
        assertEquals(404, Lockbox.get(path + "/owner", token).status());
        assertEquals(2, Lockbox.get(path, token).json().getJsonObject("metadata").size());
    }

    @Test
    void refusesNonStringValues() {
        String id = Lockbox.storeBinary(token, new byte[32], "");
        Reply reply = Lockbox.putJson("/v1/secrets/" + id + "/metadata", token, "{\"metadata\":{\"n\":1}}");
        assertEquals(400, reply.status(), reply.toString());
    }
}
