package io.github.secdns.core.lifecycle;

/** What happened to a zone's Secondary DNS configuration. */
public enum EventType {
  /** Secondary DNS was enabled. */
  CREATED("secondary_dns.create"),
  /** An enabled configuration was edited. */
  UPDATED("secondary_dns.update"),
  /** Secondary DNS was disabled. */
  DELETED("secondary_dns.delete");

  private final String webhookName;

  EventType(String webhookName) {
    this.webhookName = webhookName;
  }

  /**
   * Returns the event's name in DNSimple's webhook vocabulary, for hosts that publish webhooks
   * shaped like DNSimple's.
   *
   * @return {@code secondary_dns.create}, {@code secondary_dns.update} or {@code
   *     secondary_dns.delete}
   */
  public String webhookName() {
    return webhookName;
  }
}
