package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.TransferFailure;
import io.github.secdns.axfr.TransferListener;
import io.github.secdns.axfr.TransferRefusal;
import io.github.secdns.axfr.TransferRequest;
import io.github.secdns.axfr.TransferStats;
import io.github.secdns.core.diagnostics.Transport;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class TransfersInFlightTest {

  private static final TransferRequest REQUEST =
      new TransferRequest(
          new InetSocketAddress("127.0.0.2", 5300),
          Name.fromConstantString("example.com."),
          Type.AXFR,
          Transport.TCP,
          Optional.empty(),
          Optional.empty());
  private static final SerialNumber SERIAL = SerialNumber.of(7);
  private static final TransferStats STATS =
      new TransferStats(REQUEST, SERIAL, 1, 3, 200, Duration.ofMillis(1));

  /** Every event it was given, in order, by name. */
  private static final class Recording implements TransferListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void started(TransferRequest request, SerialNumber serial) {
      events.add("started");
    }

    @Override
    public void completed(TransferStats stats) {
      events.add("completed");
    }

    @Override
    public void failed(TransferFailure failure) {
      events.add("failed");
    }

    @Override
    public void refused(TransferRefusal refusal) {
      events.add("refused");
    }
  }

  @Test
  void noTransferStreamingAtFirst() {
    assertTrue(new TransfersInFlight(TransferListener.NONE).noneStreaming().isDone());
  }

  @Test
  void completesOnceTheLastTransferStreamingHasEndedWellOrNot() {
    TransfersInFlight inFlight = new TransfersInFlight(TransferListener.NONE);
    inFlight.started(REQUEST, SERIAL);
    inFlight.started(REQUEST, SERIAL);
    CompletableFuture<Void> none = inFlight.noneStreaming();
    assertFalse(none.isDone());
    inFlight.completed(STATS);
    assertFalse(none.isDone(), "one transfer still streams");
    inFlight.started(REQUEST, SERIAL); // started meanwhile: waited for too
    inFlight.failed(new TransferFailure(STATS, "the connection was closed"));
    assertFalse(none.isDone());
    inFlight.completed(STATS);
    assertTrue(none.isDone());
    assertTrue(inFlight.noneStreaming().isDone());
  }

  @Test
  void aRefusalIsNoTransferAndEveryEventGoesOn() {
    Recording next = new Recording();
    TransfersInFlight inFlight = new TransfersInFlight(next);
    inFlight.started(REQUEST, SERIAL);
    inFlight.refused(
        new TransferRefusal(
            new InetSocketAddress("127.0.0.3", 5300),
            Transport.TCP,
            Optional.of(REQUEST.zone()),
            OptionalInt.of(Type.AXFR),
            Rcode.REFUSED,
            "not in the ACL"));
    assertFalse(inFlight.noneStreaming().isDone(), "a refusal ends no transfer");
    inFlight.completed(STATS);
    assertTrue(inFlight.noneStreaming().isDone());
    // An end reported twice never makes the count go below none streaming.
    inFlight.failed(new TransferFailure(STATS, "again"));
    inFlight.started(REQUEST, SERIAL);
    assertFalse(inFlight.noneStreaming().isDone());
    assertEquals(List.of("started", "refused", "completed", "failed", "started"), next.events);
  }
}
