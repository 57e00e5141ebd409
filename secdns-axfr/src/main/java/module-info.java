/**
 * secdns axfr: everything that touches the network. The embeddable AXFR/IXFR responder, the NOTIFY
 * sender, TSIG, and the prober that gathers observations for the diagnostics engine.
 *
 * <p>The responder owns what it starts: no static threads, no shutdown hooks.
 */
module io.github.secdns.axfr {
  requires transitive io.github.secdns.core;
  requires transitive org.dnsjava;
  requires org.slf4j;
  requires static jsr305;

  exports io.github.secdns.axfr;
  exports io.github.secdns.axfr.notify;
  exports io.github.secdns.axfr.probe;
  exports io.github.secdns.axfr.refresh;
  exports io.github.secdns.axfr.store;
  exports io.github.secdns.axfr.tls;
}
