package dev.corebank.server.products;

import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.security.RequestProvenance;
import dev.corebank.server.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/products")
@Tag(name = "Products", description = "Savings and current account products, versioned.")
class ProductsController {
    private final Products products;

    ProductsController(Products products) {
        this.products = products;
    }

    @PostMapping
    @Permitted(Permission.MANAGE_PRODUCTS)
    @Operation(summary = "Define a product version",
            description = "Journals the definition as the product's next version (201); the same definition as the"
                    + " latest version again answers 200 and journals nothing. Accounts keep the version they opened"
                    + " with.")
    @ApiResponse(responseCode = "201", description = "A new version.")
    @ApiResponse(responseCode = "200", description = "The same as the latest version.")
    ResponseEntity<ProductDefinition> define(@RequestBody ProductDefinition body, HttpServletRequest request) {
        if (body == null || body.id() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "id is required field=id");
        }
        Products.Defined defined;
        try {
            defined = products.define(body, RequestProvenance.of(request));
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_product", invalid.getMessage());
        } catch (IllegalStateException conflict) {
            throw new ApiException(HttpStatus.CONFLICT, "product_conflict", conflict.getMessage());
        }
        return ResponseEntity.status(defined.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/v1/products/" + defined.product().id())).body(defined.product());
    }

    @GetMapping
    @Operation(summary = "List products", description = "The latest version of every product.")
    List<ProductDefinition> list() {
        return products.list();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a product's latest version")
    ProductDefinition get(@PathVariable("id") String id) {
        return products.latest(id).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "Read every version of a product", description = "Oldest first.")
    List<ProductDefinition> versions(@PathVariable("id") String id) {
        List<ProductDefinition> versions = products.versions(id);
        if (versions.isEmpty()) {
            throw notFound(id);
        }
        return versions;
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "product_not_found", "no product with this id id="
                + id.substring(0, Math.min(id.length(), ProductDefinition.ID_LENGTH_MAX)));
    }
}
