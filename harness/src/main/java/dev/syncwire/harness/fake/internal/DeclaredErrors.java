package dev.syncwire.harness.fake.internal;

import static dev.syncwire.harness.fake.internal.ErrorCase.DATA_TOO_LARGE;
import static dev.syncwire.harness.fake.internal.ErrorCase.FAKE_FAILURE;
import static dev.syncwire.harness.fake.internal.ErrorCase.INJECTED_FAULT;
import static dev.syncwire.harness.fake.internal.ErrorCase.INVALID_DATA;
import static dev.syncwire.harness.fake.internal.ErrorCase.INVALID_ITEM_KEY;
import static dev.syncwire.harness.fake.internal.ErrorCase.INVALID_PARAMETER;
import static dev.syncwire.harness.fake.internal.ErrorCase.INVALID_TTL;
import static dev.syncwire.harness.fake.internal.ErrorCase.INVALID_UNIQUE_NAME;
import static dev.syncwire.harness.fake.internal.ErrorCase.MAP_ITEM_KEY_EXISTS;
import static dev.syncwire.harness.fake.internal.ErrorCase.METHOD_NOT_ALLOWED;
import static dev.syncwire.harness.fake.internal.ErrorCase.MISSING_PARAMETER;
import static dev.syncwire.harness.fake.internal.ErrorCase.NO_PARAMETERS;
import static dev.syncwire.harness.fake.internal.ErrorCase.RESOURCE_NOT_FOUND;
import static dev.syncwire.harness.fake.internal.ErrorCase.REVISION_MISMATCH;
import static dev.syncwire.harness.fake.internal.ErrorCase.STREAM_MESSAGE_DATA_MISSING;
import static dev.syncwire.harness.fake.internal.ErrorCase.UNAUTHENTICATED;
import static dev.syncwire.harness.fake.internal.ErrorCase.UNIQUE_NAME_EXISTS;
import static dev.syncwire.harness.fake.internal.ErrorCase.UNKNOWN_PATH;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which errors the fake can answer each Sync operation with (method and the spec's path
 * template), and those it can answer any request with. The spec declares no error responses;
 * this table is the fake's, and {@code FakeCoverageTest} produces every row and checks that
 * nothing else comes out.
 */
public final class DeclaredErrors {
  /** Any request, whatever its path: credentials, paths and methods outside the API, failures, injected faults. */
  public static final List<ErrorCase> FAKE_WIDE =
      List.of(UNAUTHENTICATED, UNKNOWN_PATH, METHOD_NOT_ALLOWED, FAKE_FAILURE, INJECTED_FAULT);

  private static final Map<String, Set<ErrorCase>> BY_OPERATION = new LinkedHashMap<>();

  static {
    String svc = "/v1/Services/{ServiceSid}";
    declare("GET", "/v1/Services", INVALID_PARAMETER);
    declare("POST", "/v1/Services", INVALID_PARAMETER);
    declare("GET", "/v1/Services/{Sid}", RESOURCE_NOT_FOUND);
    declare("POST", "/v1/Services/{Sid}", RESOURCE_NOT_FOUND, INVALID_PARAMETER);
    declare("DELETE", "/v1/Services/{Sid}", RESOURCE_NOT_FOUND);

    for (String collection : List.of("Documents", "Lists", "Maps", "Streams")) {
      String objects = svc + "/" + collection;
      declare("GET", objects, RESOURCE_NOT_FOUND, INVALID_PARAMETER);
      declare("GET", objects + "/{Sid}", RESOURCE_NOT_FOUND);
      declare("DELETE", objects + "/{Sid}", RESOURCE_NOT_FOUND);
    }
    declare("POST", svc + "/Documents",
        RESOURCE_NOT_FOUND, DATA_TOO_LARGE, INVALID_DATA, INVALID_TTL, INVALID_UNIQUE_NAME, UNIQUE_NAME_EXISTS);
    declare("POST", svc + "/Documents/{Sid}",
        RESOURCE_NOT_FOUND, DATA_TOO_LARGE, INVALID_DATA, INVALID_TTL, NO_PARAMETERS, REVISION_MISMATCH);
    for (String collection : List.of("Lists", "Maps", "Streams")) {
      declare("POST", svc + "/" + collection, RESOURCE_NOT_FOUND, INVALID_TTL, INVALID_UNIQUE_NAME, UNIQUE_NAME_EXISTS);
      declare("POST", svc + "/" + collection + "/{Sid}", RESOURCE_NOT_FOUND, INVALID_TTL, NO_PARAMETERS);
    }
    declare("POST", svc + "/Streams/{StreamSid}/Messages",
        RESOURCE_NOT_FOUND, STREAM_MESSAGE_DATA_MISSING, DATA_TOO_LARGE, INVALID_DATA);

    for (String items : List.of(svc + "/Lists/{ListSid}/Items", svc + "/Maps/{MapSid}/Items")) {
      boolean map = items.contains("/Maps/");
      String item = items + (map ? "/{Key}" : "/{Index}");
      declare("GET", items, RESOURCE_NOT_FOUND, INVALID_PARAMETER);
      declare("POST", items, map
          ? EnumSet.of(RESOURCE_NOT_FOUND, MISSING_PARAMETER, DATA_TOO_LARGE, INVALID_DATA, INVALID_TTL,
              INVALID_ITEM_KEY, MAP_ITEM_KEY_EXISTS)
          : EnumSet.of(RESOURCE_NOT_FOUND, MISSING_PARAMETER, DATA_TOO_LARGE, INVALID_DATA, INVALID_TTL));
      declare("GET", item, RESOURCE_NOT_FOUND);
      declare("POST", item, RESOURCE_NOT_FOUND, DATA_TOO_LARGE, INVALID_DATA, INVALID_TTL, NO_PARAMETERS, REVISION_MISMATCH);
      declare("DELETE", item, RESOURCE_NOT_FOUND, REVISION_MISMATCH);
    }

    for (String object : List.of("/Documents/{DocumentSid}", "/Lists/{ListSid}", "/Maps/{MapSid}")) {
      String permissions = svc + object + "/Permissions";
      declare("GET", permissions, RESOURCE_NOT_FOUND, INVALID_PARAMETER);
      declare("GET", permissions + "/{Identity}", RESOURCE_NOT_FOUND);
      declare("POST", permissions + "/{Identity}", RESOURCE_NOT_FOUND, MISSING_PARAMETER, INVALID_PARAMETER);
      declare("DELETE", permissions + "/{Identity}", RESOURCE_NOT_FOUND);
    }
  }

  private DeclaredErrors() {}

  private static void declare(String method, String path, ErrorCase first, ErrorCase... rest) {
    declare(method, path, EnumSet.of(first, rest));
  }

  private static void declare(String method, String path, Set<ErrorCase> errors) {
    if (BY_OPERATION.put(method + " " + path, Collections.unmodifiableSet(EnumSet.copyOf(errors))) != null) {
      throw new IllegalStateException(method + " " + path + " is declared twice");
    }
  }

  /** The operation-specific errors of {@code method path} (the spec's template) in declaration order, empty when it is not declared. */
  public static Set<ErrorCase> of(String method, String path) {
    return BY_OPERATION.getOrDefault(method + " " + path, Set.of());
  }

  /** Every declared operation, as {@code GET /v1/Services/{Sid}}. */
  public static Set<String> operations() {
    return BY_OPERATION.keySet();
  }
}
