package io.github.secdns.examples.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secdns.axfr.AxfrResponder;
import io.github.secdns.axfr.NotifyLeadership;
import io.github.secdns.axfr.PublishedZones;
import io.github.secdns.jdbc.LeadershipListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/**
 * The NOTIFY duty follows the election from its first word: the lease's thread may elect this node
 * before {@code start} has the lease in hand (the lease's first round runs as it is made), and the
 * NOTIFYs that election queues are sent, not skipped as if another node led.
 */
class NotifyDutyTest {

  private static final Name ZONE = Name.fromConstantString("duty.example.");

  @Test
  void anElectionHeardBeforeTheLeaseIsInHandMakesThisNodeSendTheNotifies() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Database db = Database.open("jdbc:h2:mem:notify-duty;DB_CLOSE_DELAY=-1", name -> null);
        AxfrResponder responder =
            AxfrResponder.builder()
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .zoneSource(new PublishedZones())
                .build();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      NotifyDuty duty = new NotifyDuty(db, "serve");
      NotifyLeadership leadership = duty.leadership();
      LeadershipListener election = duty.listener(responder, out);
      assertFalse(leadership.sendsNotify(ZONE), "not elected yet");

      election.elected(1); // as the lease's first round does, before start() assigned the lease

      assertTrue(leadership.sendsNotify(ZONE), "elected: this node sends");
      election.lost();
      assertFalse(leadership.sendsNotify(ZONE), "lost: another node sends");
      assertTrue(
          printed.toString(StandardCharsets.UTF_8).contains("this node sends the NOTIFYs now"),
          printed.toString(StandardCharsets.UTF_8));
    }
  }
}
