package com.example.presence;

import java.util.Map;

/** One entry of the activity feed. */
public record Activity(String userId, String action, Map<String, Object> details, String timestamp) {}
