package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.lockbox.api.ApiAssertions.assertBadRequest;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordBinderTest {

    @Test
    void bindsFieldsByTheirJsonNames() {
        AclRequests.AclChange change = bind("{\"read\":{\"users\":[\"u\"],\"project-access\":false}}",
                AclRequests.AclChange.class);
        assertEquals(false, change.read().projectAccess());
        assertEquals(JsonValue.ValueType.ARRAY, change.read().users().getValueType());
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
    void ignoresUnknownFieldsOtherwise() {
        assertEquals("n", bind("{\"name\":\"n\",\"colour\":\"red\"}", SecretsResource.NewSecretRequest.class).name());
    }

    private static <T> T bind(String json, Class<T> type) {
        return RecordBinder.bind(Json.createReader(new StringReader(json)).readValue(), type);
    }
}
