package org.lockbox.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.crypto.Pem;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Server-side generation through Barbican's orders. */
class OrdersIT {

    private final String token = Tokens.token("alice", Tokens.newProject(), "creator");

    @ParameterizedTest
    @CsvSource({"aes,128,cbc", "aes,192,cbc", "aes,256,cbc", "aes,512,xts", "hmacsha256,256,"})
    void generatesSymmetricKeysOfTheRequestedLength(String algorithm, int bits, String mode) {
        String meta = "{\"algorithm\":\"" + algorithm + "\",\"bit_length\":" + bits
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + ",\"name\":\"gen\"}";
        Reply placed = Lockbox.postJson("/v1/orders", token, "{\"type\":\"key\",\"meta\":" + meta + "}");
        assertEquals(202, placed.status(), placed.toString());

        JsonObject order = Lockbox.get("/v1/orders/" + placed.refId("order_ref"), token).json();
        assertEquals("ACTIVE", order.getString("status"));
        assertEquals("key", order.getString("type"));
        assertEquals(bits, order.getJsonObject("meta").getInt("bit_length"));
        String secretId = order.getString("secret_ref").substring(order.getString("secret_ref").lastIndexOf('/') + 1);

        JsonObject secret = Lockbox.get("/v1/secrets/" + secretId, token).json();
        assertEquals("symmetric", secret.getString("secret_type"));
        assertEquals(algorithm, secret.getString("algorithm"));
        assertEquals(bits, secret.getInt("bit_length"));
        byte[] key = Lockbox.get("/v1/secrets/" + secretId + "/payload", token).body();
        assertEquals(bits / 8, key.length);
    }

    @Test
    void generatedKeysDiffer() {
        String first = generatedKey();
        String second = generatedKey();
        assertTrue(!first.equals(second));
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 3072, 4096})
    void generatesRsaKeyPairsAsAContainerOfPrivateAndPublicKeys(int bits) throws Exception {
        Reply placed = Lockbox.postJson("/v1/orders", token,
                "{\"type\":\"asymmetric\",\"meta\":{\"algorithm\":\"rsa\",\"bit_length\":" + bits + "}}");
        assertEquals(202, placed.status(), placed.toString());
        JsonObject order = Lockbox.get("/v1/orders/" + placed.refId("order_ref"), token).json();
        assertEquals("ACTIVE", order.getString("status"));
        String containerRef = order.getString("container_ref");

        Reply containerReply = Lockbox.get(containerRef.substring(Lockbox.URL.length()), token);
        assertEquals(200, containerReply.status(), containerReply.toString());
        JsonObject container = containerReply.json();
        assertEquals("rsa", container.getString("type"));
        Map<String, String> refs = new java.util.HashMap<>();
        for (JsonValue ref : container.getJsonArray("secret_refs")) {
            refs.put(ref.asJsonObject().getString("name"), ref.asJsonObject().getString("secret_ref"));
        }
        String privatePem = Lockbox.get(refs.get("private_key").substring(Lockbox.URL.length()) + "/payload", token).text();
        String publicPem = Lockbox.get(refs.get("public_key").substring(Lockbox.URL.length()) + "/payload", token).text();

        KeyFactory rsa = KeyFactory.getInstance("RSA");
        var privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(Pem.PRIVATE_KEY, privatePem)));
        var publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Pem.decode(Pem.PUBLIC_KEY, publicPem)));
        assertEquals(bits, publicKey.getModulus().bitLength());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "the private and public keys belong together");
        assertEquals("private", Lockbox.get(refs.get("private_key").substring(Lockbox.URL.length()), token)
                .json().getString("secret_type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"key\",\"meta\":{\"algorithm\":\"aes\",\"bit_length\":100}}",
            "{\"type\":\"key\",\"meta\":{\"algorithm\":\"blowfish\",\"bit_length\":128}}",
            "{\"type\":\"key\",\"meta\":{\"algorithm\":\"aes\"}}",
            "{\"type\":\"asymmetric\",\"meta\":{\"algorithm\":\"rsa\",\"bit_length\":1024}}",
            "{\"type\":\"asymmetric\",\"meta\":{\"algorithm\":\"dsa\",\"bit_length\":2048}}",
            "{\"type\":\"certificate\",\"meta\":{}}",
            "{\"type\":\"key\"}",
            "{\"type\":\"key\",\"meta\":{\"algorithm\":\"aes\",\"bit_length\":\"256\"}}"})
    void refusesOrdersItCannotFulfil(String body) {
        Reply reply = Lockbox.postJson("/v1/orders", token, body);
        assertEquals(400, reply.status(), reply.toString());
        assertEquals(0, Lockbox.get("/v1/orders", token).json().getInt("total"), "nothing was recorded");
    }

    @Test
    void refusesCertificateOrdersAsNotSupported() {
        Reply reply = Lockbox.postJson("/v1/orders", token, "{\"type\":\"certificate\",\"meta\":{\"request_type\":"
                + "\"simple-cmc\",\"request_data\":\"AAAA\"}}");
        assertEquals(400, reply.status(), reply.toString());
        assertTrue(reply.json().getString("description").contains("not supported"), reply.toString());
        assertEquals(0, Lockbox.get("/v1/orders", token).json().getInt("total"));
    }

    @Test
    void listsAndDeletesOrdersAsAdmin() {
        String admin = Tokens.token("root", Tokens.newProject(), "admin");
        Reply placed = Lockbox.postJson("/v1/orders", admin, "{\"type\":\"key\",\"meta\":{\"algorithm\":\"aes\",\"bit_length\":256}}");
        assertEquals(1, Lockbox.get("/v1/orders", admin).json().getInt("total"));
        assertEquals(204, Lockbox.delete("/v1/orders/" + placed.refId("order_ref"), admin).status());
        assertEquals(0, Lockbox.get("/v1/orders", admin).json().getInt("total"));
    }

    private String generatedKey() {
        Reply placed = Lockbox.postJson("/v1/orders", token, "{\"type\":\"key\",\"meta\":{\"algorithm\":\"aes\",\"bit_length\":256}}");
        String ref = Lockbox.get("/v1/orders/" + placed.refId("order_ref"), token).json().getString("secret_ref");
        return java.util.Base64.getEncoder().encodeToString(
                Lockbox.get(ref.substring(Lockbox.URL.length()) + "/payload", token).body());
    }
}
