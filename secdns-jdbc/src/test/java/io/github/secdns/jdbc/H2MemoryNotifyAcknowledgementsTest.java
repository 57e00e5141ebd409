package io.github.secdns.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.secdns.core.config.NotifyTarget;
import io.github.secdns.core.serial.SerialNumber;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xbill.DNS.Name;

/**
 * {@link JdbcNotifyAcknowledgements}: what one node records, another reads; a newer acknowledgement
 * replaces the older; targets differ by address and port, zones by name whatever the letter case.
 */
class H2MemoryNotifyAcknowledgementsTest extends DatabaseTest {

  @Override
  TestDatabase openDatabase(ExtensionContext context) {
    return TestDatabase.h2Memory();
  }

  @Test
  void whatOneNodeRecordsAnotherReadsAndANewerSerialReplacesIt() throws Exception {
    JdbcNotifyAcknowledgements one = JdbcNotifyAcknowledgements.on(db.dataSource());
    JdbcNotifyAcknowledgements other = JdbcNotifyAcknowledgements.on(db.newDataSource());
    Name zone = Name.fromConstantString("Example.COM.");
    NotifyTarget v4 = new NotifyTarget(InetAddress.getByName("192.0.2.1"), 53, Optional.empty());
    NotifyTarget v4OtherPort =
        new NotifyTarget(InetAddress.getByName("192.0.2.1"), 5300, Optional.empty());
    NotifyTarget v6 = new NotifyTarget(InetAddress.getByName("2001:db8::1"), 53, Optional.empty());

    assertEquals(Optional.empty(), other.acknowledged(zone, v4));
    one.acknowledge(zone, v4, SerialNumber.of(7));
    one.acknowledge(zone, v6, SerialNumber.of(8));
    assertEquals(
        Optional.of(SerialNumber.of(7)),
        other.acknowledged(Name.fromConstantString("example.com."), v4));
    assertEquals(Optional.of(SerialNumber.of(8)), other.acknowledged(zone, v6));
    assertEquals(Optional.empty(), other.acknowledged(zone, v4OtherPort));

    other.acknowledge(zone, v4, SerialNumber.of(9));
    assertEquals(Optional.of(SerialNumber.of(9)), one.acknowledged(zone, v4));
  }
}
