package io.linkport.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void submitWhenManyCallersAtOnceThenEachItemWrittenOnceInSharedBatchesAndEachCallerGetsItsOwnResult() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        GroupCommit<Integer, String> commit = new GroupCommit<>(1_000, batch -> {
            firstBatchEntered.countDown();
            await(releaseFirstBatch);
            batches.add(List.copyOf(batch));
            return batch.stream().map(i -> "written " + i).toList();
        });
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try {
            Future<String> first = callers.submit(() -> commit.submit(0));
            assertThat(firstBatchEntered.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> waiting = new ArrayList<>();
            for (int i = 1; i < 50; i++) {
                int item = i;
                waiting.add(callers.submit(() -> commit.submit(item)));
            }
            Thread.sleep(200); // the 49 queue up behind the batch being written
            assertThat(waiting).noneMatch(Future::isDone);
            releaseFirstBatch.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("written 0");
            for (int i = 1; i < 50; i++) {
                assertThat(waiting.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("written " + i);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(batches.stream().flatMap(List::stream).sorted().toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.size()).as("the 49 waiting callers shared batches").isLessThan(49);
    }

    @Test
    void submitWhenBatchWriteFailsThenEveryCallerInItGetsTheFailureAndLaterWritesStillWork() {
        GroupCommit<String, Boolean> commit = new GroupCommit<>(10, batch -> {
            if (batch.contains("bad")) {
                throw new IllegalStateException("rolled back");
            }
            return Collections.nCopies(batch.size(), true);
        });

        assertThatThrownBy(() -> commit.submit("bad")).isInstanceOf(IllegalStateException.class).hasMessage("rolled back");
        assertThat(commit.submit("good")).isTrue();
    }

    @Test
    void submitWhenMoreWaitingThanMaxBatchThenBatchesNeverExceedIt() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(4, batch -> {
            sizes.add(batch.size());
            sleep(5);
            return batch;
        });
        submitAllAtOnce(commit, 200, 32);
        assertThat(sizes).allMatch(size -> size >= 1 && size <= 4);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
    }

    @Test
    void submitWhenTwoWritersAndOneBatchStillCommittingThenNextBatchIsWrittenBesideIt() throws Exception {
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        GroupCommit<Integer, String> commit = new GroupCommit<>(100, 2, batch -> {
            if (batch.contains(0)) {
                firstBatchEntered.countDown();
                await(releaseFirstBatch);  // a commit waiting for a slow disk
            }
            return batch.stream().map(i -> "written " + i).toList();
        });
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            Future<String> first = callers.submit(() -> commit.submit(0));
            assertThat(firstBatchEntered.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(callers.submit(() -> commit.submit(1)).get(10, TimeUnit.SECONDS)).isEqualTo("written 1");
            assertThat(first).isNotDone();
            releaseFirstBatch.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("written 0");
        } finally {
            releaseFirstBatch.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void submitWhenManyCallersAndThreeWritersThenNeverMoreThanThreeBatchesAtOnceAndEachItemWrittenOnce() throws Exception {
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(8, 3, batch -> {
            mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
            sleep(3);
            written.addAll(batch);
            writing.decrementAndGet();
            return batch;
        });
        submitAllAtOnce(commit, 400, 40);
        assertThat(mostAtOnce.get()).isBetween(2, 3);
        assertThat(written.stream().sorted().toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 400).boxed().toList());
    }

    /** Submits items 0 to {@code count - 1} from {@code threads} callers at once; each caller must get its own item back. */
    private static void submitAllAtOnce(GroupCommit<Integer, Integer> commit, int count, int threads) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int item = i;
                results.add(callers.submit(() -> commit.submit(item)));
            }
            for (int i = 0; i < count; i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
