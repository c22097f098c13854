/**
 * The SIDFlow demo-tune player, in the assembly dialect of `tunes/assembler`.
 *
 * Entry points (jump table at the load address): `+0` init (A = subtune, 0-based), `+3` tick,
 * the PSID play address. A tick plays the next 4-bit sample through $D418 when one is playing
 * and runs a music frame every `frameDivider` ticks: every tick in 50 Hz (VBI) subtunes, every
 * `DIGI_DIVIDER` ticks in CIA-timed digi subtunes, whose init sets CIA1 timer A to
 * `DIGI_LATCH` cycles.
 *
 * The player is data driven: it expects the tables written by `compileSongData` to be
 * appended (frequency table, instrument columns, per-subtune settings, tracks, samples) and
 * the constants `LOAD_ADDRESS`, `DIGI_LATCH` and `DIGI_DIVIDER` to be defined.
 *
 * Track format, one stream per voice: `$00-$5F` note (then a duration byte in frames), `$60`
 * rest (then a duration byte), `$80+i` select instrument i, `$FF` loop to the track start.
 */
export const PLAYER_SOURCE = `
; ---------------------------------------------------------------------------
; SIDFlow demo-tune player
; ---------------------------------------------------------------------------
SID        = $D400
CIA1_TALO  = $DC04
CIA1_TAHI  = $DC05
CIA1_CRA   = $DC0E
ptr        = $FB            ; track read pointer (zero page, free for PSID tunes)
samplePtr  = $FD            ; digi sample read pointer
END_OF_TRACK = $FF
REST       = $60
PULSE_MAX_HI = $0E          ; PWM bounces between $0200 and $0E00 so it never goes silent
PULSE_MIN_HI = $02

        .org LOAD_ADDRESS
        jmp init
        jmp tick

; --- init: A = subtune -------------------------------------------------------
init:   tax
        lda #0
        ldy #varsEnd-varsStart
clearVars:
        sta varsStart-1,y
        dey
        bne clearVars
        ldy #$18
clearSid:
        sta SID,y
        dey
        bpl clearSid
        stx subtune
        txa
        asl a
        adc subtune             ; carry is clear: subtune < 128
        tay                     ; Y = subtune * 3, index of its first track
        ldx #0
initVoice:
        lda songTrackLo,y
        sta trackStartLo,x
        sta trackPtrLo,x
        lda songTrackHi,y
        sta trackStartHi,x
        sta trackPtrHi,x
        lda #1
        sta duration,x          ; the first frame fetches the first event
        iny
        inx
        cpx #3
        bne initVoice
        ldx subtune
        lda songFilterMode,x
        sta modeBits
        ora #$0F
        sta modeVolume
        sta SID+$18
        lda songResonance,x
        sta resonance
        lda songCutMin,x
        sta cutMin
        sta cutoff
        lda songCutMax,x
        sta cutMax
        lda songCutSpeed,x
        sta cutSpeed
        lda #1
        sta dividerReload
        sta frameDivider
        lda songDigi,x
        beq initDone
        ; CIA-timed subtune: CIA1 timer A underflows at the digi rate
        lda #DIGI_DIVIDER
        sta dividerReload
        sta frameDivider
        lda #<DIGI_LATCH
        sta CIA1_TALO
        lda #>DIGI_LATCH
        sta CIA1_TAHI
        lda #$11                ; start, continuous, force-load the latch
        sta CIA1_CRA
initDone:
        rts

; --- tick: the PSID play routine (50 Hz, or the digi rate for CIA subtunes) ---
tick:
        lda samplePlaying
        beq digiFrame
        ldy #0
        lda (samplePtr),y
        ora modeBits
        sta SID+$18             ; the 4-bit volume is the sample
        inc samplePtr
        bne samplePtrOk
        inc samplePtr+1
samplePtrOk:
        lda samplePtr
        cmp sampleStopLo
        bne digiFrame
        lda samplePtr+1
        cmp sampleStopHi
        bne digiFrame
        lda #0
        sta samplePlaying
        lda modeVolume
        sta SID+$18
digiFrame:
        dec frameDivider
        bne digiDone
        lda dividerReload
        sta frameDivider
        jmp play
digiDone:
        rts

; --- play: one music frame ----------------------------------------------------
play:   ldx #2
playVoice:
        jsr updateVoice
        dex
        bpl playVoice
        jmp updateFilter

; --- updateVoice: X = voice 0..2 -----------------------------------------------
updateVoice:
        dec duration,x
        bne holdNote
        jmp nextEvent
holdNote:
        lda duration,x
        cmp #1
        bne effects
        lda control,x           ; release one frame early so the next note retriggers
        and #$FE
        sta control,x
effects:
        ldy instrument,x
        lda instDigi,y
        beq sidEffects
        rts                     ; a digi instrument leaves its SID voice alone
sidEffects:
        lda age,x
        cmp #$FF
        beq ageCounted
        inc age,x
ageCounted:
        lda age,x
        cmp #1
        bne pulseMod
        lda instAttackWave,y    ; after the first frame switch to the sustain waveform
        beq pulseMod
        lda control,x
        and #$01
        ora instWave,y
        sta control,x
pulseMod:
        lda instPwmSpeed,y
        beq pitch
        sta temp
        lda pulseDir,x
        bne pulseDown
        clc
        lda pulseLo,x
        adc temp
        sta pulseLo,x
        lda pulseHi,x
        adc #0
        sta pulseHi,x
        cmp #PULSE_MAX_HI
        bcc pitch
        inc pulseDir,x
        bne pitch
pulseDown:
        sec
        lda pulseLo,x
        sbc temp
        sta pulseLo,x
        lda pulseHi,x
        sbc #0
        sta pulseHi,x
        cmp #PULSE_MIN_HI
        bcs pitch
        dec pulseDir,x
pitch:
        lda instArp1,y
        ora instArp2,y
        beq slide
        inc arpStep,x           ; arpeggio: root, +arp1, +arp2, one step per frame
        lda arpStep,x
        cmp #3
        bcc arpStepOk
        lda #0
        sta arpStep,x
arpStepOk:
        cmp #0
        beq arpApply
        cmp #1
        bne arpSecond
        lda instArp1,y
        jmp arpApply
arpSecond:
        lda instArp2,y
arpApply:
        clc
        adc note,x
        tay
        lda freqLo,y
        sta frequencyLo,x
        lda freqHi,y
        sta frequencyHi,x
        jmp writeVoice
slide:
        lda instSlideLo,y
        ora instSlideHi,y
        beq writeVoice
        clc
        lda frequencyLo,x
        adc instSlideLo,y
        sta temp
        lda frequencyHi,x
        adc instSlideHi,y
        sta temp2
        lda instSlideHi,y       ; LDA keeps the carry of the addition
        bmi slideFalling
        bcs writeVoice          ; rising past $FFFF: hold the top
        bcc slideStore
slideFalling:
        bcc writeVoice          ; falling below 0: hold the bottom
slideStore:
        lda temp
        sta frequencyLo,x
        lda temp2
        sta frequencyHi,x
writeVoice:
        ldy voiceOffset,x
        lda frequencyLo,x
        sta SID+0,y
        lda frequencyHi,x
        sta SID+1,y
        lda pulseLo,x
        sta SID+2,y
        lda pulseHi,x
        sta SID+3,y
        lda control,x
        sta SID+4,y
        rts

; --- nextEvent: read the track of voice X up to its next note or rest ---------
nextEvent:
        lda trackPtrLo,x
        sta ptr
        lda trackPtrHi,x
        sta ptr+1
        ldy #0
readEvent:
        lda (ptr),y
        iny
        cmp #END_OF_TRACK
        bne notEnd
        lda trackStartLo,x
        sta ptr
        lda trackStartHi,x
        sta ptr+1
        ldy #0
        beq readEvent
notEnd: cmp #$80
        bcc noteOrRest
        and #$7F
        sta instrument,x
        bcs readEvent           ; AND keeps the carry set by CMP
noteOrRest:
        sta temp
        lda (ptr),y
        sta duration,x
        iny
        tya
        clc
        adc ptr
        sta trackPtrLo,x
        lda ptr+1
        adc #0
        sta trackPtrHi,x
        lda temp
        cmp #REST
        bne startNote
        lda control,x
        and #$FE
        sta control,x
        ldy voiceOffset,x
        sta SID+4,y
        rts
startNote:
        ldy instrument,x
        clc
        adc instTranspose,y
        sta note,x
        lda #0
        sta age,x
        sta arpStep,x
        lda instDigi,y
        beq sidNote
        tay                     ; Y = sample number (1-based)
        lda sampleStartLo,y
        sta samplePtr
        lda sampleStartHi,y
        sta samplePtr+1
        lda sampleEndLo,y
        sta sampleStopLo
        lda sampleEndHi,y
        sta sampleStopHi
        lda #1
        sta samplePlaying
        rts
sidNote:
        lda instPulse,y
        sta pulseHi,x
        lda #0
        sta pulseLo,x
        sta pulseDir,x
        lda instAttackWave,y
        bne haveAttackWave
        lda instWave,y
haveAttackWave:
        ora #1                  ; gate on
        sta control,x
        lda instAD,y
        sta temp
        lda instSR,y
        sta temp2
        ldy note,x
        lda freqLo,y
        sta frequencyLo,x
        lda freqHi,y
        sta frequencyHi,x
        ldy voiceOffset,x
        lda temp
        sta SID+5,y
        lda temp2
        sta SID+6,y
        jmp writeVoice

; --- updateFilter: cutoff sweep, routing, resonance, mode and volume ----------
updateFilter:
        lda cutSpeed
        beq writeFilter
        lda cutDirection
        bne cutDown
        clc
        lda cutoff
        adc cutSpeed
        bcs cutTop
        cmp cutMax
        bcc cutStore
cutTop: lda cutMax
        inc cutDirection
        bne cutStore
cutDown:
        sec
        lda cutoff
        sbc cutSpeed
        bcc cutBottom
        cmp cutMin
        bcs cutStore
cutBottom:
        lda cutMin
        dec cutDirection
cutStore:
        sta cutoff
writeFilter:
        lda #0
        sta SID+$15
        lda cutoff
        sta SID+$16
        lda #0
        sta temp
        ldx #2
routeVoice:
        ldy instrument,x
        lda instFilter,y
        beq notRouted
        lda voiceBit,x
        ora temp
        sta temp
notRouted:
        dex
        bpl routeVoice
        lda temp
        ora resonance
        sta SID+$17
        lda samplePlaying
        bne filterDone          ; while a sample plays, tick owns $D418
        lda modeVolume
        sta SID+$18
filterDone:
        rts

voiceOffset:
        .byte 0, 7, 14
voiceBit:
        .byte 1, 2, 4

; --- variables (cleared by init) ---------------------------------------------
varsStart:
subtune:        .byte 0
temp:           .byte 0
temp2:          .byte 0
modeBits:       .byte 0
modeVolume:     .byte 0
resonance:      .byte 0
cutoff:         .byte 0
cutMin:         .byte 0
cutMax:         .byte 0
cutSpeed:       .byte 0
cutDirection:   .byte 0
frameDivider:   .byte 0
dividerReload:  .byte 0
samplePlaying:  .byte 0
sampleStopLo:   .byte 0
sampleStopHi:   .byte 0
trackPtrLo:     .fill 3
trackPtrHi:     .fill 3
trackStartLo:   .fill 3
trackStartHi:   .fill 3
duration:       .fill 3
instrument:     .fill 3
note:           .fill 3
age:            .fill 3
arpStep:        .fill 3
frequencyLo:    .fill 3
frequencyHi:    .fill 3
pulseLo:        .fill 3
pulseHi:        .fill 3
pulseDir:       .fill 3
control:        .fill 3
varsEnd:
`;
