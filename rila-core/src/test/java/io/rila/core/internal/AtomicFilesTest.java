package io.rila.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void write_replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("model.bin");
    Files.writeString(target, "old");
    AtomicFiles.write(target, out -> out.write("new content".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(target)).isEqualTo("new content");
    assertThat(list()).containsExactly(target);
  }

  @Test
  void write_largeContentArrivesWhole() throws IOException {
    Path target = dir.resolve("big.bin");
    byte[] bytes = new byte[3 * 65_536 + 17];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    AtomicFiles.write(target, out -> {
      out.write(bytes, 0, 5);
      out.write(bytes, 5, bytes.length - 5);
    });
    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
  }

  @Test
  void write_failingContentKeepsTheOldFileAndDeletesTheTemporaryFile() throws IOException {
    Path target = dir.resolve("model.bin");
    Files.writeString(target, "old");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write(new byte[100_000]);
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(Files.readString(target)).isEqualTo("old");
    assertThat(list()).containsExactly(target);
  }

  @Test
  void write_uncheckedFailureAlsoCleansUp() {
    Path target = dir.resolve("model.bin");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
      out.write(1);
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(list()).isEmpty();
  }

  @Test
  void write_missingFolder() {
    Path target = dir.resolve("absent").resolve("model.bin");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(list()).isEmpty();
  }

  @Test
  void write_null() {
    assertThatThrownBy(() -> AtomicFiles.write(null, out -> out.write(1)))
        .isInstanceOf(NullPointerException.class).hasMessage("target");
    assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("a"), null))
        .isInstanceOf(NullPointerException.class).hasMessage("content");
  }

  @Test
  void deleteTemporaryFiles_removesOnlyLeftoversOfMatchingTargets() throws IOException {
    Path leftover = dir.resolve(".members-0-10.ckpt.123456.tmp");
    Path otherLeftover = dir.resolve(".model.rila.99.tmp");
    Path kept = dir.resolve("members-0-10.ckpt");
    Files.writeString(leftover, "partial");
    Files.writeString(otherLeftover, "partial");
    Files.writeString(kept, "whole");
    assertThat(AtomicFiles.deleteTemporaryFiles(dir, "members-")).isEqualTo(1);
    assertThat(list()).containsExactlyInAnyOrder(otherLeftover, kept);
  }

  @Test
  void deleteTemporaryFiles_escapesGlobCharacters() throws IOException {
    Path leftover = dir.resolve(".a[b].1.tmp");
    Path other = dir.resolve(".ab.1.tmp");
    Files.writeString(leftover, "partial");
    Files.writeString(other, "partial");
    assertThat(AtomicFiles.deleteTemporaryFiles(dir, "a[b]")).isEqualTo(1);
    assertThat(list()).containsExactly(other);
  }

  @Test
  void deleteTemporaryFiles_null() {
    assertThatThrownBy(() -> AtomicFiles.deleteTemporaryFiles(null, "x"))
        .isInstanceOf(NullPointerException.class).hasMessage("folder");
    assertThatThrownBy(() -> AtomicFiles.deleteTemporaryFiles(dir, null))
        .isInstanceOf(NullPointerException.class).hasMessage("targetPrefix");
  }

  private Object[] list() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void write_newFileGetsTheProcessDefaultPermissionsNotOwnerOnly() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(dir.resolve("plain"));
    Path written = dir.resolve("written");
    AtomicFiles.write(written, out -> out.write(1));
    assertThat(Files.getPosixFilePermissions(written))
        .isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void write_rootPath_namesTheTarget() {
    Path root = dir.getRoot();
    assertThatThrownBy(() -> AtomicFiles.write(root, out -> out.write(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target: " + root);
  }

  @Test
  void write_overExistingFileKeepsItsPermissions() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path target = Files.write(dir.resolve("secret"), new byte[] {1});
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    Files.setPosixFilePermissions(target, ownerOnly);
    AtomicFiles.write(target, out -> out.write(2));
    assertThat(Files.readAllBytes(target)).containsExactly(2);
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(ownerOnly);
    Set<PosixFilePermission> open = PosixFilePermissions.fromString("rw-rw-r--");
    Files.setPosixFilePermissions(target, open);
    AtomicFiles.write(target, out -> out.write(3));
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(open);
  }
}
