import com.twilio.exception.ApiException;

class SyncErrors {
  /** Not 54007: a missing object is 404 / 20404. "case 54302:" would be wrong too. */
  static final int SEED_SAID_NOT_FOUND = 54007;

  static boolean notFound(ApiException e) {
    return e.getStatusCode() == 404 || e.getCode() == 20404;
  }

  static boolean exists(ApiException e) {
    String text = """
        case 54302: map_item_created
        """;
    return e.getCode() == 54301 || e.getCode() == 54208 || text.equals("54302 ");
  }
}
