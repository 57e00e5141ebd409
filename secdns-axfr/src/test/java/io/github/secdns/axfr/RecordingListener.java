package io.github.secdns.axfr;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.secdns.core.serial.SerialNumber;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every event; the await methods wait with a deadline. */
final class RecordingListener implements TransferListener {

  final BlockingQueue<TransferRequest> started = new LinkedBlockingQueue<>();
  final BlockingQueue<TransferStats> completed = new LinkedBlockingQueue<>();
  final BlockingQueue<TransferFailure> failed = new LinkedBlockingQueue<>();
  final BlockingQueue<TransferRefusal> refused = new LinkedBlockingQueue<>();

  @Override
  public void started(TransferRequest request, SerialNumber serial) {
    started.add(request);
  }

  @Override
  public void completed(TransferStats stats) {
    completed.add(stats);
  }

  @Override
  public void failed(TransferFailure failure) {
    failed.add(failure);
  }

  @Override
  public void refused(TransferRefusal refusal) {
    refused.add(refusal);
  }

  static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
    T value = queue.poll(10, TimeUnit.SECONDS);
    assertNotNull(value, "no event within 10 s");
    return value;
  }
}
