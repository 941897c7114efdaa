package com.example.presence;

import java.util.List;

/**
 * Where one phone call is in the IVR flow.
 *
 * @param stage {@code greeting}, {@code menu}, ...
 * @param selections the digits the caller pressed, oldest first
 * @param startTime when the call state was created (ISO-8601)
 */
public record CallState(String stage, List<String> selections, String startTime) {
  public CallState {
    selections = List.copyOf(selections);
  }
}
