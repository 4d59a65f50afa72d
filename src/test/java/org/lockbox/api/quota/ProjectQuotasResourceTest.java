package org.lockbox.api.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.api.ApiAssertions.assertBadRequest;

import java.io.StringReader;
import java.util.Map;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockbox.api.RecordBinder;
import org.lockbox.quota.Quota;

class ProjectQuotasResourceTest {

    @Test
    void readsEveryQuota() {
        Map<Quota, Integer> values = ProjectQuotasResource.values(json("{\"project_quotas\":{\"secrets\":10,"
                + "\"orders\":0,\"containers\":-1,\"consumers\":5,\"cas\":1}}"));
        assertEquals(Map.of(Quota.SECRETS, 10, Quota.ORDERS, 0, Quota.CONTAINERS, -1, Quota.CONSUMERS, 5, Quota.CAS, 1),
                values);
    }

    @Test
    void leavesOutWhatIsNotGivenAndKeepsExplicitNulls() {
        Map<Quota, Integer> values = ProjectQuotasResource.values(json("{\"project_quotas\":{\"secrets\":3,\"cas\":null}}"));
        assertEquals(3, values.get(Quota.SECRETS));
        assertTrue(values.containsKey(Quota.CAS));
        assertEquals(null, values.get(Quota.CAS));
        assertEquals(2, values.size());
        assertEquals(0, ProjectQuotasResource.values(json("{\"project_quotas\":{}}")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "{\"project_quotas\":5}", "{\"project_quotas\":{\"secret\":1}}",
            "{\"project_quotas\":{\"secrets\":\"1\"}}", "{\"project_quotas\":{\"secrets\":-2}}",
            "{\"project_quotas\":{\"secrets\":2.5}}", "{\"project_quotas\":{},\"more\":true}"})
    void refusesAnythingElse(String body) {
        assertBadRequest(() -> ProjectQuotasResource.values(json(body)));
    }

    @Test
    void projectIdsFitTheColumn() {
        assertEquals("p", ProjectQuotasResource.projectId("p"));
        assertEquals("x".repeat(64), ProjectQuotasResource.projectId("x".repeat(64)));
        assertBadRequest(() -> ProjectQuotasResource.projectId("x".repeat(65)));
    }

    /** The text bound into the PUT request's record, as the resource receives it. */
    private static ProjectQuotasResource.QuotaSettings json(String text) {
        return RecordBinder.bind(Json.createReader(new StringReader(text)).readValue(),
                ProjectQuotasResource.QuotaSettings.class);
    }
}
