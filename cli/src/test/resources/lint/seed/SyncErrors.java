import com.twilio.exception.ApiException;
import java.util.List;

class SyncErrors {
  static boolean notFound(ApiException e) {
    return e.getCode() == 54007 || List.of(54008, 54_012).contains(e.getCode());
  }

  static boolean exists(ApiException e) {
    switch (e.getCode()) {
      case 54302:
        return true;
      default:
        return "map_item_created".equals(String.valueOf(e.getCode()));
    }
  }
}
