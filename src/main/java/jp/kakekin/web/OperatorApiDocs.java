package jp.kakekin.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The OpenAPI 3 description of the operator API ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}; both for operators only, see WebSecurity). Every operation lists its
 * problems: those its controller declares ({@code @ApiResponse}) and those every endpoint can give
 * (400 invalid request, 401 not an operator, 500), all as {@code application/problem+json}
 * ({@link ApiProblems}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OperatorApiDocs {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String OPERATOR = "operator";

    @Bean
    OpenAPI kakekinOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties b = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("kakekin operator API").version(b != null ? b.getVersion() : "dev")
                        .description("Calculations, certificate reissues, 経営セーフティ共済 statements, e-私書箱 XML and "
                                + "print runs. Errors are RFC 9457 problem details; the unique code of a returned "
                                + "document is in the " + ApiHeaders.UNIQUE_CODE + " header."))
                .components(new Components().addSecuritySchemes(OPERATOR,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(OPERATOR));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(OperatorApiDocs::withProblems));
        };
    }

    private static void withProblems(Operation operation) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        Map<String, String> common = Map.of(
                "400", "Invalid request: a parameter, path variable or body that does not convert or validate (errors[] names each)",
                "401", "No or wrong operator credentials (HTTP Basic)",
                "500", "Unexpected failure; the reason is in the service's log");
        common.forEach((code, description) -> responses.putIfAbsent(code, new ApiResponse().description(description)));
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            }
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema error = new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("errors", new ArraySchema().items(error).description("what is wrong, field by field"));
    }
}
