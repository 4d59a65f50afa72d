package org.lockbox.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Completes the document for the ACL operations, which {@link AclResource}'s subclasses inherit: the annotation
 * scanner leaves out the parameters of inherited methods and names their operations after the nested class.
 * Each ACL operation gets its path id described and an operation id named after its own resource, as before.
 */
public class AclOpenApiFilter implements OASFilter {

    private static final Map<String, String> IDS = Map.of(
            "/v1/secrets/{id}/acl", "The secret's id",
            "/v1/containers/{id}/acl", "The container's id");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        IDS.forEach((path, description) -> {
            PathItem item = openAPI.getPaths().getPathItem(path);
            if (item != null) {
                item.getOperations().values().forEach(operation -> complete(operation, description));
            }
        });
    }

    private static void complete(Operation operation, String description) {
        boolean described = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "id".equals(p.getName()) && p.getIn() == Parameter.In.PATH);
        if (!described) {
            operation.addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH).required(true)
                    .description(description)
                    .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
        }
        String id = operation.getOperationId();
        if (id != null && id.contains("$")) {
            operation.setOperationId(id.substring(id.lastIndexOf('$') + 1));
        }
    }
}
