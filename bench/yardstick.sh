#!/usr/bin/env bash
# yardstick.sh: the eight checks of the lab "Level 2: stateful containers" for one student's namespace, done the
# way an instructor scripts them in an afternoon: kubectl, jq and one ssh session to the student's SVM. It is the
# yardstick `npm run bench` measures the grader against (same namespace, run in turn).
#
#   bench/yardstick.sh <namespace>
#
# Environment:
#   KUBECTL            the kubectl to run (default: kubectl); KUBECONFIG as for kubectl
#   ONTAP_HOST         the SVM's management LIF (required)
#   ONTAP_PORT         its SSH port (default 22)
#   ONTAP_USER         default vsadmin
#   ONTAP_SVM          the student's SVM (required)
#   ONTAP_PASSWORD     the SVM user's password (required); ssh reads it through SSH_ASKPASS, never from a command line
#   ONTAP_KNOWN_HOSTS  a known_hosts file holding the SVM's host key (default: ssh's own); an unknown key is refused
#   DATA_PATH          where the database keeps its data (default /var/lib/mysql)
#   PERSIST_TIMEOUT    seconds to wait for the replacement database pod (default 180)
#
# Prints one PASS or FAIL line per check and exits 0 when all eight pass, 1 when any fails, 2 on a usage error.
# Like the grader's data-persists, it writes a file through the database pod, deletes that pod, and reads the
# file back (then removes it) from the pod the Deployment starts instead.
#
# What an afternoon's script leaves out, and the grader does not: SSD classes by storagePools, StatefulSets, the
# volume's size and junction path, whether the PV is the one Trident named for this claim, a Lease against two
# runs at once, and cleaning the test file up when the replacement never comes.

set -uo pipefail

usage() { echo "usage: $0 <namespace>  (with ONTAP_HOST, ONTAP_SVM and ONTAP_PASSWORD set; see the comment at the top)" >&2; exit 2; }
[ $# -eq 1 ] || usage
ns=$1
[[ $ns =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]] || { echo "$0: '$ns' is not a namespace name" >&2; exit 2; }
for v in ONTAP_HOST ONTAP_SVM ONTAP_PASSWORD; do [ -n "${!v:-}" ] || { echo "$0: $v is not set" >&2; usage; }; done
for tool in "${KUBECTL:-kubectl}" jq ssh; do command -v "$tool" >/dev/null || { echo "$0: $tool not found" >&2; exit 2; }; done

KUBECTL=${KUBECTL:-kubectl}
ONTAP_PORT=${ONTAP_PORT:-22}
ONTAP_USER=${ONTAP_USER:-vsadmin}
DATA_PATH=${DATA_PATH:-/var/lib/mysql}
PERSIST_TIMEOUT=${PERSIST_TIMEOUT:-180}
DRIVER=csi.trident.netapp.io

k() { "$KUBECTL" "$@"; }
failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }

# ---- 1. trident-installed: the CSI controller and node pods are running and ready
pods=$(k get pods --all-namespaces -l "app in (controller.$DRIVER,node.$DRIVER)" -o json) || pods='{"items":[]}'
ready_count() {
  jq --arg app "$1" '[.items[] | select(.metadata.labels.app == $app and .status.phase == "Running"
    and any(.status.conditions[]?; .type == "Ready" and .status == "True"))] | length' <<<"$pods"
}
controllers=$(ready_count "controller.$DRIVER")
nodes=$(ready_count "node.$DRIVER")
if [ "$controllers" -ge 1 ] && [ "$nodes" -ge 1 ]; then pass trident-installed
else fail trident-installed "ready Trident pods: $controllers controller, $nodes node (need at least one of each)"; fi

# ---- 2. backend-online: an ontap-nas TridentBackend on the student's SVM is online
backends=$(k get tridentbackends.trident.netapp.io --all-namespaces -o json 2>/dev/null) || backends='{"items":[]}'
online=$(jq -r --arg svm "$ONTAP_SVM" '[.items[] | select(.config.ontap_config.storageDriverName == "ontap-nas"
  and .config.ontap_config.svm == $svm and .state == "online" and .userState != "suspended") | .backendName] | join(",")' <<<"$backends")
if [ -n "$online" ]; then pass backend-online
else fail backend-online "no online ontap-nas backend on SVM $ONTAP_SVM (backends: $(jq -r '[.items[] | "\(.backendName)=\(.state)"] | join(", ")' <<<"$backends"))"; fi

# ---- 3./4. storageclass-ssd, storageclass-hdd: Trident classes asking for that media
classes=$(k get storageclasses -o json) || classes='{"items":[]}'
classes_for() {
  jq -r --arg media "$1" --arg driver "$DRIVER" '[.items[] | select(.provisioner == $driver and .parameters.media == $media)
    | .metadata.name] | join(" ")' <<<"$classes"
}
ssd_classes=$(classes_for ssd)
hdd_classes=$(classes_for hdd)
if [ -n "$ssd_classes" ]; then pass storageclass-ssd; else fail storageclass-ssd "no StorageClass with provisioner $DRIVER and media ssd"; fi
if [ -n "$hdd_classes" ]; then pass storageclass-hdd; else fail storageclass-hdd "no StorageClass with provisioner $DRIVER and media hdd"; fi

# ---- the database: the Deployment that mounts a PVC at the data path, and that PVC (else the namespace's only PVC)
objects=$(k get deployments,persistentvolumeclaims -n "$ns" -o json) || objects='{"items":[]}'
IFS=$'\t' read -r deploy container claim available selector < <(jq -r --arg path "${DATA_PATH%/}" '
  [.items[] | select(.kind == "Deployment") as $d | $d.spec.template.spec as $s
   | $s.containers[] as $c | $c.volumeMounts[]? | select((.mountPath | rtrimstr("/")) == $path) as $m
   | $s.volumes[]? | select(.name == $m.name and .persistentVolumeClaim != null)
   | [$d.metadata.name, $c.name, .persistentVolumeClaim.claimName, ($d.status.availableReplicas // 0),
      ($d.spec.selector.matchLabels // {} | to_entries | map("\(.key)=\(.value)") | join(","))]]
  | first // empty | @tsv' <<<"$objects")
if [ -z "${claim:-}" ]; then
  claim=$(jq -r '[.items[] | select(.kind == "PersistentVolumeClaim") | .metadata.name] | if length == 1 then .[0] else empty end' <<<"$objects")
fi

# ---- 5. pvc-bound: that PVC uses an SSD class and is Bound to a PV Trident made for it
pv=''
if [ -z "${claim:-}" ]; then
  fail pvc-bound "no Deployment in $ns mounts a PVC at $DATA_PATH, and the namespace has not exactly one PVC"
else
  IFS=$'\t' read -r phase class volume uid < <(jq -r --arg name "$claim" '.items[] | select(.kind == "PersistentVolumeClaim"
    and .metadata.name == $name) | [.status.phase, (.metadata.annotations["volume.beta.kubernetes.io/storage-class"]
    // .spec.storageClassName // "-"), (.spec.volumeName // "-"), .metadata.uid] | @tsv' <<<"$objects")
  if [ -z "${phase:-}" ]; then fail pvc-bound "PVC $claim does not exist"
  elif [ "$phase" != Bound ]; then fail pvc-bound "PVC $claim is $phase, not Bound"
  elif [[ " $ssd_classes " != *" $class "* ]]; then fail pvc-bound "PVC $claim uses class $class, not an SSD class (${ssd_classes:-none})"
  else
    pv=$(k get pv "$volume" -o json) || pv=''
    if [ -z "$pv" ]; then fail pvc-bound "PV $volume of PVC $claim cannot be read"
    elif ! jq -e --arg uid "$uid" --arg driver "$DRIVER" '.spec.csi.driver == $driver and .spec.claimRef.uid == $uid
      and (.spec.csi.volumeAttributes.internalName // "") != ""' <<<"$pv" >/dev/null; then
      fail pvc-bound "PV $volume is not a Trident volume made for PVC $claim"; pv=''
    else pass pvc-bound; fi
  fi
fi

# ---- 6. app-uses-pvc: a Deployment mounts it at the data path and has an available replica
if [ -z "${deploy:-}" ]; then fail app-uses-pvc "no Deployment in $ns mounts PVC ${claim:-(none)} at $DATA_PATH"
elif [ "$available" -lt 1 ]; then fail app-uses-pvc "Deployment $deploy mounts PVC $claim but has no available replica"
else pass app-uses-pvc; fi

# ---- 7. ontap-volume: the volume behind the PV is online on an SSD aggregate (one ssh session, two commands)
internal=''
[ -n "$pv" ] && internal=$(jq -r '.spec.csi.volumeAttributes.internalName' <<<"$pv")
if [ -z "$pv" ]; then
  fail ontap-volume "no Trident PV to look up on ONTAP"
# Names that go into the ONTAP command line must be ONTAP names (nothing a shell or the clustershell would read).
elif ! [[ $internal =~ ^[A-Za-z0-9_.-]+$ && $ONTAP_SVM =~ ^[A-Za-z0-9_.-]+$ ]]; then
  fail ontap-volume "volume name '$internal' or SVM '$ONTAP_SVM' is not an ONTAP name"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  printf '#!/bin/sh\nprintf "%%s\\n" "$ONTAP_PASSWORD"\n' >"$tmp/askpass"
  chmod 700 "$tmp/askpass"
  known_hosts=()
  [ -n "${ONTAP_KNOWN_HOSTS:-}" ] && known_hosts=(-o "UserKnownHostsFile=$ONTAP_KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null)
  if out=$(SSH_ASKPASS="$tmp/askpass" SSH_ASKPASS_REQUIRE=force ssh -p "$ONTAP_PORT" -l "$ONTAP_USER" \
      -o StrictHostKeyChecking=yes "${known_hosts[@]}" -o PubkeyAuthentication=no \
      -o PreferredAuthentications=keyboard-interactive,password -o NumberOfPasswordPrompts=1 -o ConnectTimeout=20 \
      -o LogLevel=ERROR "$ONTAP_HOST" \
      "set -showseparator \"|\"; volume show -vserver $ONTAP_SVM -volume $internal -fields state,aggregate; vserver show-aggregates -fields type" \
      </dev/null 2>"$tmp/ssh.err"); then
    # Each -fields table starts with a line of field names: columns are found by name.
    read -r state aggregate media < <(awk -F'|' -v svm="$ONTAP_SVM" -v vol="$internal" '
      $1 == "vserver" { delete col; for (i = 1; i <= NF; i++) col[$i] = i; next }
      ("volume" in col) && $1 == svm && $col["volume"] == vol { state = $col["state"]; aggr = $col["aggregate"] }
      ("type" in col) && !("volume" in col) && $1 == svm { type[$col["aggregate"]] = $col["type"] }
      END { print (state == "" ? "-" : state), (aggr == "" ? "-" : aggr), (aggr in type ? type[aggr] : "-") }' <<<"$out")
    if [ "$state" = - ]; then fail ontap-volume "volume $internal not found on SVM $ONTAP_SVM"
    elif [ "$state" != online ]; then fail ontap-volume "volume $internal is $state"
    elif [ "$media" != ssd ]; then fail ontap-volume "volume $internal is on aggregate $aggregate, of type $media (not ssd)"
    else pass ontap-volume; fi
  else
    fail ontap-volume "ssh $ONTAP_USER@$ONTAP_HOST failed: $(head -n 1 "$tmp/ssh.err")"
  fi
fi

# ---- 8. data-persists: a file written through the database pod is there in the pod that replaces it
ready_pod() { # <uid to skip>: name, uid of a running, ready, not deleted pod of the Deployment
  k get pods -n "$ns" -l "$selector" -o json | jq -r --arg skip "$1" 'first(.items[] | select(.metadata.uid != $skip
    and .metadata.deletionTimestamp == null and .status.phase == "Running"
    and any(.status.conditions[]?; .type == "Ready" and .status == "True"))) | [.metadata.name, .metadata.uid] | @tsv'
}
if [ -z "${deploy:-}" ] || [ "$available" -lt 1 ] || [ -z "$selector" ]; then
  fail data-persists "no available database Deployment to test"
else
  read -r pod pod_uid < <(ready_pod -)
  file="${DATA_PATH%/}/.yardstick-$$-$RANDOM"
  content="yardstick-$(date +%s%N)"
  if [ -z "${pod:-}" ]; then fail data-persists "no ready pod of Deployment $deploy"
  elif ! k exec -n "$ns" "$pod" -c "$container" -- sh -c 'printf %s "$1" > "$2" && sync' sh "$content" "$file"; then
    fail data-persists "cannot write $file in pod $pod"
  elif ! k delete pod -n "$ns" "$pod" --wait=false >/dev/null; then
    fail data-persists "cannot delete pod $pod"
  else
    new=''
    deadline=$((SECONDS + PERSIST_TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
      read -r new _ < <(ready_pod "$pod_uid")
      [ -n "${new:-}" ] && break
      sleep 0.5
    done
    if [ -z "${new:-}" ]; then fail data-persists "no ready replacement for pod $pod within $PERSIST_TIMEOUT s"
    else
      got=$(k exec -n "$ns" "$new" -c "$container" -- sh -c 'cat "$1" && rm -f "$1"' sh "$file")
      if [ "$got" = "$content" ]; then pass data-persists
      else fail data-persists "pod $new read '${got:0:60}' from $file, not what pod $pod wrote"; fi
    fi
  fi
fi

[ "$failures" -eq 0 ]
