package io.linkport.tenants;

import io.linkport.common.Mode;

/**
 * Who is calling the API: the tenant and the mode of the key it authenticated with. A controller
 * method that declares a parameter of this type is authenticated by {@link ApiCallerResolver}.
 */
public record ApiCaller(String tenantId, Mode mode, String keyId) {
}
