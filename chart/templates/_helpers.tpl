{{/*
Names, labels and the pieces every CronJob shares. The key layout is the one of
README.md#key-layout: /etc/lifeboat/lifeboat.yaml, /etc/lifeboat/keys/<file>.
*/}}

{{- define "lifeboat.fullname" -}}
{{- default .Release.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "lifeboat.role" -}}
{{- if hasKey .Values "backup" -}}backup{{- else -}}restore{{- end -}}
{{- end -}}

{{- define "lifeboat.labels" -}}
app.kubernetes.io/name: lifeboat
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
lifeboat/environment: {{ .Values.environment }}
lifeboat/role: {{ include "lifeboat.role" . }}
{{- end -}}

{{- define "lifeboat.image" -}}
{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end -}}

{{/*
Every file under /etc/lifeboat/keys/ that a Secret provides, as a YAML list of
{file, name, key}: the role's keys, each configured datastore's password, the extra files.
*/}}
{{- define "lifeboat.secretFiles" -}}
{{- $s := .Values.secrets -}}
{{- $files := list (dict "file" "ssh_ed25519" "ref" $s.sshKey) -}}
{{- if hasKey .Values "backup" -}}
{{- $files = append $files (dict "file" "manifest-signing-key" "ref" $s.signingKey) -}}
{{- $files = append $files (dict "file" "age-recipients.txt" "ref" $s.recipients) -}}
{{- if $s.stateIdentity -}}
{{- $files = append $files (dict "file" "state-identity.txt" "ref" $s.stateIdentity) -}}
{{- end -}}
{{- else -}}
{{- $files = append $files (dict "file" "age-identity.txt" "ref" $s.identity) -}}
{{- $files = append $files (dict "file" "allowed-signers" "ref" $s.allowedSigners) -}}
{{- end -}}
{{- range $kind, $ds := .Values.datastores -}}
{{- $ref := default $ds.passwordSecret $ds.secretKeySecret -}}
{{- if $ref -}}
{{- $files = append $files (dict "file" (include "lifeboat.passwordFile" $kind) "ref" $ref) -}}
{{- end -}}
{{- end -}}
{{- range .Values.secrets.extra -}}
{{- $files = append $files (dict "file" .file "ref" (dict "name" .name "key" .key)) -}}
{{- end -}}
{{- range $files }}
- file: {{ .file }}
  name: {{ required (printf "a Secret for keys/%s" .file) .ref.name }}
  key: {{ required (printf "the key in Secret %s for keys/%s" .ref.name .file) .ref.key }}
{{- end -}}
{{- end -}}

{{/* The file name of a datastore's password (MinIO: its secret key). */}}
{{- define "lifeboat.passwordFile" -}}
{{- if eq . "minio" -}}minio-secret-key{{- else -}}{{ . }}-password{{- end -}}
{{- end -}}

{{/* The configuration: the program's own keys, the file settings the layout gives. */}}
{{- define "lifeboat.config" -}}
{{- $keys := "/etc/lifeboat/keys/" -}}
{{- $sftp := merge (dict "private-key-file" (print $keys "ssh_ed25519") "known-hosts-file" (print $keys "known_hosts")) (deepCopy .Values.store.sftp) -}}
{{- $cfg := dict "environment" .Values.environment "store" (dict "type" "sftp" "root" .Values.store.root "sftp" $sftp) -}}
{{- if hasKey .Values "backup" -}}
{{- $backup := merge (dict "recipients-file" (print $keys "age-recipients.txt") "signing-key-file" (print $keys "manifest-signing-key")) (deepCopy (default dict .Values.backup)) -}}
{{- if .Values.secrets.stateIdentity -}}
{{- $_ := set $backup "state-identity-file" (print $keys "state-identity.txt") -}}
{{- end -}}
{{- $_ := set $cfg "backup" $backup -}}
{{- if .Values.retention -}}
{{- $_ := set $cfg "retention" .Values.retention -}}
{{- end -}}
{{- else -}}
{{- $restore := merge (dict "identity-file" (print $keys "age-identity.txt") "allowed-signers-file" (print $keys "allowed-signers")) (deepCopy .Values.restore) -}}
{{- $_ := set $cfg "restore" $restore -}}
{{- end -}}
{{- $datastores := dict -}}
{{- range $kind, $ds := .Values.datastores -}}
{{- $c := deepCopy (default dict $ds.config) -}}
{{- if or $ds.passwordSecret $ds.secretKeySecret -}}
{{- $_ := set $c (ternary "secret-key-file" "password-file" (eq $kind "minio")) (print $keys (include "lifeboat.passwordFile" $kind)) -}}
{{- end -}}
{{- $_ := set $datastores $kind $c -}}
{{- end -}}
{{- $_ := set $cfg "datastores" $datastores -}}
{{- toYaml (dict "lifeboat" (merge $cfg (deepCopy (default dict .Values.extraConfig)))) -}}
{{- end -}}

{{/*
known_hosts must name the backup server the way the SSH library looks it up: the plain host on
port 22, [host]:port on any other port (as ssh-keyscan and ssh write them).
*/}}
{{- define "lifeboat.checkKnownHosts" -}}
{{- $host := .Values.store.sftp.host -}}
{{- $port := int (default 22 .Values.store.sftp.port) -}}
{{- $want := ternary $host (printf "[%s]:%d" $host $port) (eq $port 22) -}}
{{- $found := false -}}
{{- range splitList "\n" .Values.knownHosts -}}
{{- $names := splitList "," (first (splitList " " (trim .))) -}}
{{- if has $want $names -}}{{- $found = true -}}{{- end -}}
{{- end -}}
{{- if not $found -}}
{{- fail (printf "knownHosts has no line for %s: on port %d the SSH library looks the backup server up as '%s' (ssh-keyscan -p %d %s writes that form)" $host $port $want $port $host) -}}
{{- end -}}
{{- end -}}

{{/*
One CronJob. Arguments: dict "root" $ "suffix" NAME "args" LIST "job" SETTINGS, where SETTINGS
may override schedule, resources, activeDeadlineSeconds, tmpSizeLimit, suspend.
*/}}
{{- define "lifeboat.cronjob" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $d := $v.jobDefaults -}}
{{- $job := .job -}}
{{- $name := printf "%s-%s" (include "lifeboat.fullname" $root) .suffix -}}
apiVersion: batch/v1
kind: CronJob
metadata:
  name: {{ $name }}
  labels:
    {{- include "lifeboat.labels" $root | nindent 4 }}
    lifeboat/job: {{ .suffix }}
spec:
  schedule: {{ $job.schedule | quote }}
  timeZone: {{ $v.timeZone | quote }}
  concurrencyPolicy: Forbid
  suspend: {{ default false $job.suspend }}
  startingDeadlineSeconds: {{ $d.startingDeadlineSeconds }}
  successfulJobsHistoryLimit: {{ $d.successfulJobsHistoryLimit }}
  failedJobsHistoryLimit: {{ $d.failedJobsHistoryLimit }}
  jobTemplate:
    metadata:
      labels:
        {{- include "lifeboat.labels" $root | nindent 8 }}
        lifeboat/job: {{ .suffix }}
    spec:
      backoffLimit: 0
      activeDeadlineSeconds: {{ default $d.activeDeadlineSeconds $job.activeDeadlineSeconds }}
      template:
        metadata:
          labels:
            {{- include "lifeboat.labels" $root | nindent 12 }}
            lifeboat/job: {{ .suffix }}
        spec:
          restartPolicy: Never
          automountServiceAccountToken: false
          enableServiceLinks: false
          securityContext:
            runAsNonRoot: true
            runAsUser: {{ $v.runAsUser }}
            runAsGroup: {{ $v.runAsUser }}
            fsGroup: {{ $v.runAsUser }}
            seccompProfile:
              type: RuntimeDefault
          {{- with $v.nodeSelector }}
          nodeSelector:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- with $v.tolerations }}
          tolerations:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          initContainers:
            # Secret volumes can only be mounted root-owned (0400) or group-readable (fsGroup: 0440);
            # Lifeboat refuses a key file group or others can read. So the keys are copied, 0600 and
            # owned by the run-as user, into a memory-backed /etc/lifeboat.
            - name: install-keys
              image: {{ include "lifeboat.image" $root }}
              imagePullPolicy: {{ $v.image.pullPolicy }}
              command: ["/bin/sh", "-ec"]
              args:
                - |
                  umask 077
                  mkdir -p /etc/lifeboat/keys
                  cp /run/lifeboat/config/lifeboat.yaml /etc/lifeboat/lifeboat.yaml
                  cp /run/lifeboat/config/known_hosts /etc/lifeboat/keys/known_hosts
                  for f in /run/lifeboat/secrets/*; do cp -L "$f" /etc/lifeboat/keys/; done
                  chmod 0600 /etc/lifeboat/keys/*
              securityContext:
                {{- include "lifeboat.containerSecurity" . | nindent 16 }}
              resources:
                requests: {cpu: 10m, memory: 16Mi}
                limits: {memory: 32Mi}
              volumeMounts:
                - {name: config, mountPath: /run/lifeboat/config, readOnly: true}
                - {name: secrets, mountPath: /run/lifeboat/secrets, readOnly: true}
                - {name: etc-lifeboat, mountPath: /etc/lifeboat}
          containers:
            - name: lifeboat
              image: {{ include "lifeboat.image" $root }}
              imagePullPolicy: {{ $v.image.pullPolicy }}
              command: ["/opt/lifeboat/bin/lifeboat"]
              args:
                {{- toYaml .args | nindent 16 }}
              env:
                - name: LIFEBOAT_JAVA_OPTS
                  value: {{ $v.javaOpts | quote }}
              securityContext:
                {{- include "lifeboat.containerSecurity" . | nindent 16 }}
              resources:
                {{- toYaml (default $d.resources $job.resources) | nindent 16 }}
              volumeMounts:
                - {name: etc-lifeboat, mountPath: /etc/lifeboat, readOnly: true}
                - {name: tmp, mountPath: /tmp}
                - {name: state, mountPath: /var/lib/lifeboat}
          volumes:
            - name: config
              configMap:
                name: {{ include "lifeboat.fullname" $root }}-config
            - name: secrets
              projected:
                defaultMode: 0440
                sources:
                  {{- range (include "lifeboat.secretFiles" $root | fromYamlArray) }}
                  - secret:
                      name: {{ .name }}
                      items:
                        - key: {{ .key | quote }}
                          path: {{ .file | quote }}
                  {{- end }}
            - name: etc-lifeboat
              emptyDir:
                medium: Memory
                sizeLimit: 1Mi
            - name: tmp
              emptyDir:
                sizeLimit: {{ default $d.tmpSizeLimit $job.tmpSizeLimit }}
            - name: state
              emptyDir:
                sizeLimit: {{ $d.stateSizeLimit }}
{{- end -}}

{{- define "lifeboat.containerSecurity" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end -}}
