/**
 * The child-subreaper wrapper, in Perl because node has no prctl and perl is on nearly
 * every Linux: it makes itself PR_SET_CHILD_SUBREAPER, runs the agent (`perl -e SCRIPT
 * -- command args...`), forwards SIGTERM/SIGINT/SIGHUP to it, reaps the orphans it
 * adopts, and exits as the agent did (same code, or the same signal). The prctl
 * syscall number comes from syscall.ph when installed, else from this table.
 */
export const SUBREAPER_SCRIPT = String.raw`
use strict; use POSIX ();
my %nr = (x86_64 => 157, i386 => 172, i686 => 172, aarch64 => 167, armv7l => 172, armv6l => 172, riscv64 => 167, ppc64le => 171, ppc64 => 171, s390x => 172, loongarch64 => 167);
my $nr = eval { require 'syscall.ph'; &SYS_prctl() } // $nr{(POSIX::uname())[4]};
defined $nr && syscall($nr, 36, 1, 0, 0, 0) == 0 or do { print STDERR "genie: cannot become child subreaper: $!\n"; exit 125 };
if (!@ARGV) { exit 0 }
my $child = fork();
defined $child or do { print STDERR "genie: fork failed: $!\n"; exit 125 };
if ($child == 0) { exec { $ARGV[0] } @ARGV; print STDERR "genie: cannot run $ARGV[0]: $!\n"; POSIX::_exit(127) }
for my $sig (qw(TERM INT HUP)) { $SIG{$sig} = sub { kill $sig, $child } }
my $status;
while (1) { my $pid = waitpid(-1, 0); if ($pid == $child) { $status = $?; last } if ($pid < 0 && !$!{EINTR}) { last } }
exit 125 unless defined $status;
if ($status & 127) { my $signal = $status & 127; $SIG{$_} = 'DEFAULT' for qw(TERM INT HUP); kill $signal, $$; POSIX::_exit(128 + $signal) }
exit($status >> 8);
`;
