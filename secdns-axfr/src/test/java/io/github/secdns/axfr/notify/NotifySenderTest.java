package io.github.secdns.axfr.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.core.config.SecondaryDnsConfiguration;
import io.github.secdns.core.config.TsigAlgorithm;
import io.github.secdns.core.config.TsigKey;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

class NotifySenderTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");
  private static final SOARecord SOA =
      new SOARecord(
          ZONE,
          DClass.IN,
          3600,
          Name.fromConstantString("ns1.example.com."),
          Name.fromConstantString("hostmaster.example.com."),
          2026060101L,
          14400,
          3600,
          1209600,
          300);

  /** The zone's next version's SOA. */
  private static final SOARecord NEXT =
      new SOARecord(
          ZONE,
          DClass.IN,
          3600,
          SOA.getHost(),
          SOA.getAdmin(),
          SOA.getSerial() + 1,
          14400,
          3600,
          1209600,
          300);

  private final NotifyTestParts parts = new NotifyTestParts();
  private final List<NotifyOutcome> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    parts.close();
    assertNoSenderThreads();
  }

  private NotifySender sender(int attempts, Duration timeout, double backoff) throws IOException {
    return parts.sender(
        NotifySender.builder()
            .attempts(attempts)
            .initialTimeout(timeout)
            .backoff(backoff)
            .sendsPerSecond(1000)
            .listener(events::add));
  }

  private static NotifyOutcome only(List<NotifyOutcome> outcomes) {
    assertEquals(1, outcomes.size());
    return outcomes.get(0);
  }

  private static List<NotifyOutcome> await(
      java.util.concurrent.CompletableFuture<List<NotifyOutcome>> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aSecondaryThatDropsTwoAndAnswersTheThirdGetsExactlyThree() throws Exception {
    FakeSecondary fake =
        parts.fake(
            "127.0.0.2",
            (n, q, m, self) ->
                n < 3 ? Optional.empty() : Optional.of(FakeSecondary.answer(m, Rcode.NOERROR)));
    NotifySender sender = sender(5, Duration.ofMillis(300), 1.0);

    NotifyOutcome outcome = only(await(sender.notify(SOA, List.of(fake.target()))));

    NotifyOutcome.Acknowledged ack = assertInstanceOf(NotifyOutcome.Acknowledged.class, outcome);
    assertEquals(3, ack.attempts());
    assertEquals(Rcode.NOERROR, ack.rcode());
    assertEquals(3, fake.received());
    assertEquals(List.of(outcome), events);
    // Every try is the same message: same ID (RFC 1996 section 3.6).
    assertEquals(
        new Message(fake.queries.get(0)).getHeader().getID(),
        new Message(fake.queries.get(2)).getHeader().getID());
  }

  @Test
  void aSecondaryThatNeverAnswersGetsExactlyTheConfiguredTries() throws Exception {
    FakeSecondary fake = parts.fake("127.0.0.2", (n, q, m, self) -> Optional.empty());
    NotifySender sender = sender(4, Duration.ofMillis(20), 1.5);

    NotifyOutcome outcome = only(await(sender.notify(SOA, List.of(fake.target()))));

    NotifyOutcome.Unanswered none = assertInstanceOf(NotifyOutcome.Unanswered.class, outcome);
    assertEquals(4, none.attempts());
    fake.awaitReceived(4);
    assertEquals(4, fake.received());
    assertEquals(ZONE, none.zone());
    assertEquals(SOA.getSerial(), none.serial().value());
  }

  @Test
  void notimpIsAcknowledgedAfterOneTryAndTheNotifyIsWellFormed() throws Exception {
    FakeSecondary fake = parts.fake("127.0.0.3", FakeSecondary.answering(Rcode.NOTIMP));
    NotifySender sender = sender(5, Duration.ofMillis(300), 2);

    NotifyOutcome outcome = only(await(sender.notify(SOA, List.of(fake.target()))));

    NotifyOutcome.Acknowledged ack = assertInstanceOf(NotifyOutcome.Acknowledged.class, outcome);
    assertEquals(Rcode.NOTIMP, ack.rcode());
    assertEquals(1, ack.attempts());
    assertEquals(1, fake.received());
    Message notify = new Message(fake.queries.get(0));
    assertEquals(Opcode.NOTIFY, notify.getHeader().getOpcode());
    assertTrue(notify.getHeader().getFlag(Flags.AA));
    assertFalse(notify.getHeader().getFlag(Flags.RD));
    assertFalse(notify.getHeader().getFlag(Flags.QR));
    assertEquals(ZONE, notify.getQuestion().getName());
    assertEquals(Type.SOA, notify.getQuestion().getType());
    assertEquals(DClass.IN, notify.getQuestion().getDClass());
    assertEquals(SOA, notify.getSection(Section.ANSWER).get(0));
    assertEquals(0, notify.getHeader().getCount(Section.AUTHORITY));
    assertNull(notify.getTSIG());
  }

  @Test
  void refusedIsReportedRejected() throws Exception {
    FakeSecondary fake = parts.fake("127.0.0.2", FakeSecondary.answering(Rcode.REFUSED));
    NotifySender sender = sender(5, Duration.ofMillis(300), 2);

    NotifyOutcome outcome = only(await(sender.notify(SOA, List.of(fake.target()))));

    NotifyOutcome.Rejected rejected = assertInstanceOf(NotifyOutcome.Rejected.class, outcome);
    assertEquals(Rcode.REFUSED, rejected.rcode());
    assertEquals(1, fake.received());
  }

  @Test
  void answersFromAnotherPortWithAnotherIdOrAnotherQuestionAreIgnored() throws Exception {
    try (DatagramSocket otherPort =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
      FakeSecondary fake =
          parts.fake(
              "127.0.0.2",
              (n, q, m, self) -> {
                if (n == 1) {
                  byte[] right = FakeSecondary.answer(m, Rcode.NOERROR);
                  otherPort.send(new DatagramPacket(right, right.length, self.lastSender));
                  Message wrongId = new Message(right);
                  wrongId.getHeader().setID((m.getHeader().getID() + 1) & 0xFFFF);
                  self.send(wrongId.toWire(), self.lastSender);
                  Message wrongZone = new Message(m.getHeader().getID());
                  wrongZone.getHeader().setFlag(Flags.QR);
                  wrongZone.getHeader().setOpcode(Opcode.NOTIFY);
                  wrongZone.addRecord(
                      org.xbill.DNS.Record.newRecord(
                          Name.fromConstantString("example.org."), Type.SOA, DClass.IN),
                      Section.QUESTION);
                  self.send(wrongZone.toWire(), self.lastSender);
                  return Optional.empty();
                }
                return Optional.of(FakeSecondary.answer(m, Rcode.NOERROR));
              });
      NotifySender sender = sender(5, Duration.ofMillis(300), 1.0);

      NotifyOutcome outcome = only(await(sender.notify(SOA, List.of(fake.target()))));

      assertInstanceOf(NotifyOutcome.Acknowledged.class, outcome);
      assertEquals(2, outcome.attempts());
      assertEquals(2, fake.received());
      assertTrue(fake.failures.isEmpty(), fake.failures.toString());
    }
  }

  @Test
  void aTargetWithAKeyGetsASignedNotifyAndItsSignedAnswerIsAccepted() throws Exception {
    TsigKey key =
        new TsigKey(
            Name.fromConstantString("notify-key."),
            TsigAlgorithm.HMAC_SHA256,
            Base64.getDecoder().decode("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ=="));
    TSIG secondaryKey =
        new TSIG(TSIG.HMAC_SHA256, key.name(), new SecretKeySpec(key.secret(), "HmacSHA256"));
    FakeSecondary fake = parts.fake("127.0.0.2", FakeSecondary.answeringSigned(secondaryKey));
    NotifySender sender = sender(3, Duration.ofMillis(300), 1.0);

    NotifyOutcome outcome =
        only(
            await(
                sender.notify(
                    SOA, List.of(fake.target(Optional.of(key.name()))), n -> Optional.of(key))));

    assertInstanceOf(NotifyOutcome.Acknowledged.class, outcome);
    assertEquals(1, fake.received());
    assertTrue(fake.failures.isEmpty(), fake.failures.toString());
    assertEquals(key.name(), new Message(fake.queries.get(0)).getTSIG().getName());
    String text = outcome.toString() + events;
    assertFalse(text.contains("c2VjcmV0"), text);
  }

  @Test
  void anUnsignedNoerrorToASignedNotifyIsIgnoredButATsigRefusalIsAnAnswer() throws Exception {
    TsigKey key =
        new TsigKey(
            Name.fromConstantString("notify-key."),
            TsigAlgorithm.HMAC_SHA512,
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    FakeSecondary spoofed = parts.fake("127.0.0.2", FakeSecondary.answering(Rcode.NOERROR));
    FakeSecondary refusing =
        parts.fake(
            "127.0.0.3",
            (n, q, m, self) -> {
              Message reply = new Message(FakeSecondary.answer(m, Rcode.NOTAUTH));
              org.xbill.DNS.TSIGRecord t = m.getTSIG();
              reply.addRecord(
                  new org.xbill.DNS.TSIGRecord(
                      t.getName(),
                      DClass.ANY,
                      0,
                      t.getAlgorithm(),
                      t.getTimeSigned(),
                      t.getFudge(),
                      new byte[0],
                      m.getHeader().getID(),
                      Rcode.BADSIG,
                      null),
                  Section.ADDITIONAL);
              return Optional.of(reply.toWire());
            });
    NotifySender sender = sender(2, Duration.ofMillis(100), 1.0);

    List<NotifyOutcome> outcomes =
        await(
            sender.notify(
                SOA,
                List.of(
                    spoofed.target(Optional.of(key.name())),
                    refusing.target(Optional.of(key.name()))),
                n -> Optional.of(key)));

    assertEquals(2, assertInstanceOf(NotifyOutcome.Unanswered.class, outcomes.get(0)).attempts());
    NotifyOutcome.Rejected rejected =
        assertInstanceOf(NotifyOutcome.Rejected.class, outcomes.get(1));
    assertEquals(Rcode.BADSIG, rejected.rcode());
    assertEquals(refusing.target(Optional.of(key.name())), rejected.target());
  }

  @Test
  void aNewerSerialReplacesTheNotifyStillUnanswered() throws Exception {
    SOARecord newer = NEXT;
    FakeSecondary fake =
        parts.fake(
            "127.0.0.2",
            (n, q, m, self) ->
                ((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial() == newer.getSerial()
                    ? Optional.of(FakeSecondary.answer(m, Rcode.NOERROR))
                    : Optional.empty());
    NotifySender sender = sender(5, Duration.ofSeconds(30), 1.0);
    java.util.concurrent.CompletableFuture<List<NotifyOutcome>> first =
        sender.notify(SOA, List.of(fake.target()));
    fake.awaitReceived(1);

    java.util.concurrent.CompletableFuture<List<NotifyOutcome>> second =
        sender.notify(newer, List.of(fake.target()));

    NotifyOutcome.Superseded superseded =
        assertInstanceOf(NotifyOutcome.Superseded.class, only(await(first)));
    assertEquals(1, superseded.attempts());
    assertEquals(newer.getSerial(), superseded.newerSerial().value());
    NotifyOutcome.Acknowledged ack =
        assertInstanceOf(NotifyOutcome.Acknowledged.class, only(await(second)));
    assertEquals(newer.getSerial(), ack.serial().value());
    assertEquals(2, fake.received());
    assertEquals(List.of(superseded, ack), events);
  }

  /**
   * Two threads announcing two versions in a row may hand the newer serial over first: the older
   * one, arriving while the newer is unanswered, must not replace it (the target would never be
   * told of the newer serial). The target answers the newer serial's second try only, so that it is
   * still unanswered when the older one comes.
   */
  @Test
  void anOlderSerialNeverReplacesANewerNotifyStillUnanswered() throws Exception {
    SOARecord newer = NEXT;
    List<Long> serialsReceived = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeSecondary fake =
        parts.fake(
            "127.0.0.2",
            (n, q, m, self) -> {
              serialsReceived.add(((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial());
              return n >= 2
                  ? Optional.of(FakeSecondary.answer(m, Rcode.NOERROR))
                  : Optional.empty();
            });
    NotifySender sender = sender(5, Duration.ofMillis(300), 1.0);
    java.util.concurrent.CompletableFuture<List<NotifyOutcome>> newest =
        sender.notify(newer, List.of(fake.target()));
    fake.awaitReceived(1);

    java.util.concurrent.CompletableFuture<List<NotifyOutcome>> late =
        sender.notify(SOA, List.of(fake.target()));

    NotifyOutcome.Superseded superseded =
        assertInstanceOf(NotifyOutcome.Superseded.class, only(await(late)));
    assertEquals(SOA.getSerial(), superseded.serial().value());
    assertEquals(0, superseded.attempts(), "never sent");
    assertEquals(newer.getSerial(), superseded.newerSerial().value());
    NotifyOutcome.Acknowledged ack =
        assertInstanceOf(NotifyOutcome.Acknowledged.class, only(await(newest)));
    assertEquals(newer.getSerial(), ack.serial().value());
    assertEquals(List.of(newer.getSerial(), newer.getSerial()), serialsReceived);
  }

  @Test
  void anInterruptedCallerNeitherLosesItsNotifyNorBreaksTheSenderForOthers() throws Exception {
    // A host thread with its interrupt status set (a pool being shut down, a cancelled task)
    // that asks for a NOTIFY: were the datagram sent on that thread, the JDK would close the
    // sender's channel (an interruptible channel closes when a thread doing I/O on it is
    // interrupted), and every NOTIFY of every zone after it would be lost.
    FakeSecondary fake = parts.fake("127.0.0.2", FakeSecondary.answering(Rcode.NOERROR));
    NotifySender sender = sender(3, Duration.ofMillis(300), 1.0);
    java.util.concurrent.atomic.AtomicReference<
            java.util.concurrent.CompletableFuture<List<NotifyOutcome>>>
        fromInterrupted = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              fromInterrupted.set(sender.notify(SOA, List.of(fake.target())));
              assertTrue(Thread.currentThread().isInterrupted(), "its interrupt status is kept");
            });
    caller.start();
    caller.join();

    assertInstanceOf(NotifyOutcome.Acknowledged.class, only(await(fromInterrupted.get())));
    SOARecord next = NEXT;
    NotifyOutcome.Acknowledged later =
        assertInstanceOf(
            NotifyOutcome.Acknowledged.class,
            only(await(sender.notify(next, List.of(fake.target())))));
    assertEquals(next.getSerial(), later.serial().value());
    assertEquals(2, fake.received());
  }

  @Test
  void outcomesComeInTargetOrderAndOneEventPerTarget() throws Exception {
    FakeSecondary a = parts.fake("127.0.0.2", FakeSecondary.answering(Rcode.REFUSED));
    FakeSecondary b = parts.fake("127.0.0.3", FakeSecondary.answering(Rcode.NOERROR));
    NotifySender sender = sender(3, Duration.ofMillis(300), 1.0);

    List<NotifyOutcome> outcomes = await(sender.notify(SOA, List.of(a.target(), b.target())));

    assertInstanceOf(NotifyOutcome.Rejected.class, outcomes.get(0));
    assertInstanceOf(NotifyOutcome.Acknowledged.class, outcomes.get(1));
    assertEquals(2, events.size());
    assertTrue(events.containsAll(outcomes));
  }

  @Test
  void aConfigurationNotifiesItsTargetsWithItsKeys() throws Exception {
    TSIG k1 =
        new TSIG(
            TSIG.HMAC_SHA256,
            Name.fromConstantString("k1."),
            new SecretKeySpec(
                Base64.getDecoder().decode("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ=="),
                "HmacSHA256"));
    FakeSecondary fake = parts.fake("127.0.0.2", FakeSecondary.answeringSigned(k1));
    NotifySender sender = sender(3, Duration.ofMillis(300), 1.0);
    SecondaryDnsConfiguration config =
        SecondaryDnsConfiguration.builder()
            .zone("Example.com")
            .addSecondaryNameServer("ns1.secondary.example.net")
            .addAclEntry("127.0.0.2")
            .addNotifyTarget("127.0.0.2", fake.target().port(), "k1")
            .addTsigKey("k1", "hmac-sha256", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==")
            .build();

    NotifyOutcome outcome = only(await(sender.notify(config, SOA)));

    assertInstanceOf(NotifyOutcome.Acknowledged.class, outcome);
    assertTrue(fake.failures.isEmpty(), fake.failures.toString());
    assertEquals(
        Name.fromConstantString("k1."), new Message(fake.queries.get(0)).getTSIG().getName());
  }

  @Test
  void anUnknownKeySendsNothing() throws Exception {
    FakeSecondary fake = parts.fake("127.0.0.2", FakeSecondary.answering(Rcode.NOERROR));
    NotifySender sender = sender(3, Duration.ofMillis(300), 1.0);
    FakeSecondary other = parts.fake("127.0.0.3", FakeSecondary.answering(Rcode.NOERROR));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                sender.notify(
                    SOA,
                    List.of(
                        other.target(),
                        fake.target(Optional.of(Name.fromConstantString("nokey."))))));

    assertTrue(e.getMessage().contains("nokey."), e.getMessage());
    // Nothing went out, not even to the target without a key: prove it with a later NOTIFY.
    await(sender.notify(SOA, List.of(other.target())));
    assertEquals(1, other.received());
    assertEquals(0, fake.received());
  }

  @Test
  void closeCancelsWhatIsInFlightLeavesNoThreadAndIsIdempotent() throws Exception {
    FakeSecondary fake = parts.fake("127.0.0.2", (n, q, m, self) -> Optional.empty());
    NotifySender sender = sender(5, Duration.ofSeconds(30), 1.0);
    java.util.concurrent.CompletableFuture<List<NotifyOutcome>> future =
        sender.notify(SOA, List.of(fake.target()));
    fake.awaitReceived(1);

    sender.close();
    sender.close();

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertInstanceOf(CancellationException.class, e.getCause());
    assertNoSenderThreads();
    assertThrows(IllegalStateException.class, () -> sender.notify(SOA, List.of(fake.target())));
    assertTrue(events.isEmpty());
  }

  @Test
  void theDefaultWildcardSocketMatchesAnswersFromLoopbackTargets() throws Exception {
    FakeSecondary fake = parts.fake("127.0.0.3", FakeSecondary.answering(Rcode.NOERROR));
    NotifySender s =
        NotifySender.builder()
            .initialTimeout(Duration.ofMillis(300))
            .backoff(1.0)
            .attempts(3)
            .build();
    parts.closeLater(s);

    NotifyOutcome outcome = only(await(s.notify(SOA, List.of(fake.target()))));

    assertEquals(1, assertInstanceOf(NotifyOutcome.Acknowledged.class, outcome).attempts());
    assertTrue(s.localAddress().getAddress().isAnyLocalAddress());
  }

  @Test
  void aHostThreadFactoryMakesTheThreads() throws Exception {
    List<Thread> made = new CopyOnWriteArrayList<>();
    NotifySender s =
        NotifySender.builder()
            .threadFactory(
                r -> {
                  Thread t = new Thread(r, "host-notify-" + made.size());
                  made.add(t);
                  return t;
                })
            .localAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .build();
    var unused = s.notify(SOA, List.of()); // no targets: only the threads it made matter
    s.close();
    assertFalse(made.isEmpty());
    for (Thread t : made) {
      assertFalse(t.isAlive(), t.getName());
    }
  }

  @Test
  void thePacerSpacesSendsAndLetsIdleTimePass() {
    AtomicLong now = new AtomicLong(1_000);
    NotifyPacer pacer = new NotifyPacer(10, 1, now::get);
    assertEquals(0, pacer.reserve());
    assertEquals(100_000_000L, pacer.reserve());
    assertEquals(200_000_000L, pacer.reserve());
    now.addAndGet(1_000_000_000L);
    assertEquals(0, pacer.reserve());
    assertEquals(100_000_000L, pacer.reserve());
  }

  @Test
  void manyZonesAtOnceAreSentInPacedSlots() {
    AtomicLong now = new AtomicLong(0);
    NotifyPacer pacer = new NotifyPacer(50, 1, now::get);
    long last = -1;
    for (int i = 0; i < 100; i++) {
      long slot = pacer.reserve();
      assertTrue(slot >= last + 20_000_000L || i == 0, "slot " + i);
      last = slot;
    }
    assertEquals(99 * 20_000_000L, last);
  }

  @Test
  void aBurstGoesAtOnceAfterAQuietSpellThenThePaceHolds() {
    AtomicLong now = new AtomicLong(5_000);
    NotifyPacer pacer = new NotifyPacer(10, 3, now::get);
    assertEquals(0, pacer.reserve());
    assertEquals(0, pacer.reserve());
    assertEquals(0, pacer.reserve());
    assertEquals(100_000_000L, pacer.waitNanos());
    assertEquals(100_000_000L, pacer.reserve());
    assertFalse(pacer.rested());
    now.addAndGet(1_000_000_000L);
    assertTrue(pacer.rested());
    assertEquals(0, pacer.waitNanos());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> NotifySender.builder().attempts(0));
    assertThrows(IllegalArgumentException.class, () -> NotifySender.builder().backoff(0.5));
    assertThrows(IllegalArgumentException.class, () -> NotifySender.builder().sendsPerSecond(0));
    assertThrows(
        IllegalArgumentException.class, () -> NotifySender.builder().backgroundSendsPerSecond(0));
    assertThrows(
        IllegalArgumentException.class, () -> NotifySender.builder().initialTimeout(Duration.ZERO));
  }

  private static void assertNoSenderThreads() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("secdns-notify-") && t.isAlive()) {
        throw new AssertionError("thread left behind: " + t.getName());
      }
    }
  }
}
