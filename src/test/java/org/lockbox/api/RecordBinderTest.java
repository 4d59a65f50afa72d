package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.lockbox.api.ApiAssertions.assertBadRequest;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.lockbox.api.acl.AclRequests;
import org.lockbox.api.container.ContainerConsumersResource;
import org.lockbox.api.container.ContainerView;
import org.lockbox.api.container.ContainersResource;
import org.lockbox.api.secret.SecretsResource;

class RecordBinderTest {

    @Test
    void bindsFieldsByTheirJsonNames() {
        AclRequests.AclChange change = bind("{\"read\":{\"users\":[\"u\"],\"project-access\":false}}",
                AclRequests.AclChange.class);
        assertEquals(false, change.read().projectAccess());
        assertEquals(List.of("u"), change.read().users());
        ContainerConsumersResource.ConsumerRequest consumer = bind("{\"name\":\"lb\",\"URL\":\"http://x\"}",
                ContainerConsumersResource.ConsumerRequest.class);
        assertEquals("http://x", consumer.url());
        assertEquals(256, bind("{\"bit_length\":256}", SecretsResource.NewSecretRequest.class).bitLength());
    }

    @Test
    void absentAndNullFieldsAreNull() {
        SecretsResource.NewSecretRequest request = bind("{\"name\":null,\"dual_lock\":null}",
                SecretsResource.NewSecretRequest.class);
        assertNull(request.name());
        assertNull(request.dualLock());
        assertNull(request.payload());
        assertNull(bind("{\"read\":null}", AclRequests.AclChange.class).read());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]|A JSON object body is required.",
            "{\"name\":5}|'name' must be a string.",
            "{\"bit_length\":\"256\"}|'bit_length' must be an integer.",
            "{\"bit_length\":99999999999}|'bit_length' is out of range.",
            "{\"dual_lock\":\"yes\"}|'dual_lock' must be true or false.",
            "{\"project_id\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"
                    + "|'project_id' is longer than 64 characters."})
    void refusesWrongTypesWithBarbicansMessages(String body, String message) {
        assertEquals(message, assertBadRequest(() -> bind(body, SecretsResource.NewSecretRequest.class)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"write\":{}}|Unknown ACL operation 'write': only 'read' is supported.",
            "{\"read\":{\"users\":[],\"created\":\"x\"}}|Unknown field 'created' in the 'read' ACL: only 'users' and"
                    + " 'project-access' are allowed.",
            "{\"read\":[]}|'read' must be a JSON object."})
    void refusesUnknownFieldsWhereTheRecordSaysSo(String body, String message) {
        assertEquals(message, assertBadRequest(() -> bind(body, AclRequests.AclChange.class)).getMessage());
    }

    @Test
    void bindsListsOfStringsAndOfRecords() {
        var container = bind("{\"type\":\"generic\",\"secret_refs\":[{\"name\":\"a\",\"secret_ref\":\"r\"}]}",
                ContainersResource.NewContainerRequest.class);
        assertEquals(List.of(new ContainerView.SecretRefView("a", "r")), container.secretRefs());
        assertEquals("'users' must be a list of user ids.", assertBadRequest(() -> bind(
                "{\"read\":{\"users\":\"dave\"}}", AclRequests.AclChange.class)).getMessage());
        assertEquals("Each entry of 'users' must be a user id of 1 to 255 characters.", assertBadRequest(() -> bind(
                "{\"read\":{\"users\":[1]}}", AclRequests.AclChange.class)).getMessage());
        assertEquals("Each of 'secret_refs' must be a {\"name\", \"secret_ref\"} object.", assertBadRequest(() -> bind(
                "{\"secret_refs\":[\"r\"]}", ContainersResource.NewContainerRequest.class)).getMessage());
    }

    @Test
    void ignoresUnknownFieldsOtherwise() {
        assertEquals("n", bind("{\"name\":\"n\",\"colour\":\"red\"}", SecretsResource.NewSecretRequest.class).name());
    }

    private static <T> T bind(String json, Class<T> type) {
        return RecordBinder.bind(Json.createReader(new StringReader(json)).readValue(), type);
    }
}
