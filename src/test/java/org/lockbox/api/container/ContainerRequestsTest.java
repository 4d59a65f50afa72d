package org.lockbox.api.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.lockbox.api.ApiAssertions.assertBadRequest;

import java.io.StringReader;
import java.util.List;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.api.RecordBinder;
import org.lockbox.container.SecretContainer;

class ContainerRequestsTest {

    private static final String BASE = "https://kms.example:9311";

    @Test
    void readsAGenericContainer() {
        var container = ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, "{\"name\":\"n\",\"type\":\"GENERIC\",\"secret_refs\":["
                + "{\"name\":\"a\",\"secret_ref\":\"" + BASE + "/v1/secrets/1\"},"
                + "{\"secret_ref\":\"" + BASE + "/v1/secrets/2/\"}]}"), BASE);
        assertEquals("n", container.name());
        assertEquals("generic", container.type());
        assertEquals(List.of("1", "2"), container.secrets().stream().map(SecretContainer.SecretRef::secretId).toList());
        assertEquals("a", container.secrets().get(0).name());
        assertNull(container.secrets().get(1).name());
    }

    @Test
    void acceptsTypedContainersWithTheirNames() {
        assertEquals(3, ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, refs("rsa", "public_key", "private_key",
                "private_key_passphrase")), BASE).secrets().size());
        assertEquals(2, ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, refs("rsa", "public_key", "private_key")), BASE)
                .secrets().size());
        assertEquals(4, ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, refs("certificate", "certificate", "private_key",
                "private_key_passphrase", "intermediates")), BASE).secrets().size());
        assertEquals(1, ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, refs("certificate", "certificate")), BASE).secrets().size());
    }

    @Test
    void refusesTypedContainersWithoutTheirNames() {
        assertBadRequest(() -> ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, refs("rsa", "public_key")), BASE));
        assertBadRequest(() -> ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, refs("rsa", "public_key", "private_key", "other")), BASE));
        assertBadRequest(() -> ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, refs("certificate", "private_key")), BASE));
        assertBadRequest(() -> ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, refs("certificate", "certificate", "public_key")), BASE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://kms.example:9311/v1/secrets/1",
            "https://kms.example:9311/v1/orders/1",
            "https://kms.example:9311/v1/secrets/",
            "https://kms.example:9311/v1/secrets/1/payload",
            "https://kms.example:9311/v1/secrets/1?x=y",
            "1",
            ""})
    void refusesReferencesThatAreNotThisServersSecrets(String ref) {
        assertBadRequest(() -> ContainerRequests.member(json(ContainerView.SecretRefView.class, "{\"secret_ref\":\"" + ref + "\"}"), BASE));
    }

    @Test
    void readsAMember() {
        var ref = ContainerRequests.member(json(ContainerView.SecretRefView.class, "{\"name\":\"x\",\"secret_ref\":\"" + BASE + "/v1/secrets/abc\"}"), BASE);
        assertEquals("x", ref.name());
        assertEquals("abc", ref.secretId());
    }

    @Test
    void refusesDuplicates() {
        assertBadRequest(() -> ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, "{\"type\":\"generic\",\"secret_refs\":["
                + "{\"name\":\"a\",\"secret_ref\":\"" + BASE + "/v1/secrets/1\"},"
                + "{\"name\":\"a\",\"secret_ref\":\"" + BASE + "/v1/secrets/2\"}]}"), BASE));
        assertBadRequest(() -> ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, "{\"type\":\"generic\",\"secret_refs\":["
                + "{\"name\":\"a\",\"secret_ref\":\"" + BASE + "/v1/secrets/1\"},"
                + "{\"name\":\"b\",\"secret_ref\":\"" + BASE + "/v1/secrets/1\"}]}"), BASE));
        assertBadRequest(() -> ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, "{\"type\":\"generic\",\"secret_refs\":["
                + "{\"secret_ref\":\"" + BASE + "/v1/secrets/1\"},{\"secret_ref\":\"" + BASE + "/v1/secrets/2\"}]}"), BASE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":\"dsa\"}", "{\"type\":null}", "{\"type\":\"generic\",\"secret_refs\":7}",
            "{\"type\":\"generic\",\"secret_refs\":[7]}"})
    void refusesMalformedContainers(String body) {
        assertBadRequest(() -> ContainerRequests.newContainer(json(ContainersResource.NewContainerRequest.class, body), BASE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"n\"}", "{\"URL\":\"u\"}", "{\"name\":\"\",\"URL\":\"u\"}", "{\"name\":\"n\",\"URL\":\"\"}",
            "{\"name\":\"0123456789012345678901234567890123456\",\"URL\":\"u\"}"})
    void refusesBadConsumers(String body) {
        assertBadRequest(() -> ContainerRequests.consumer(json(ContainerConsumersResource.ConsumerRequest.class, body)));
    }

    @Test
    void readsAConsumer() {
        var consumer = ContainerRequests.consumer(json(ContainerConsumersResource.ConsumerRequest.class, "{\"name\":\"lb\",\"URL\":\"http://x\"}"));
        assertEquals("lb", consumer.name());
        assertEquals("http://x", consumer.url());
    }

    private static String refs(String type, String... names) {
        StringBuilder json = new StringBuilder("{\"type\":\"" + type + "\",\"secret_refs\":[");
        for (int i = 0; i < names.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(names[i]).append("\",\"secret_ref\":\"")
                    .append(BASE).append("/v1/secrets/").append(i).append("\"}");
        }
        return json.append("]}").toString();
    }

    /** The text bound into a request record, as the resource receives it. */
    private static <T> T json(Class<T> type, String text) {
        return RecordBinder.bind(Json.createReader(new StringReader(text)).readValue(), type);
    }
}
